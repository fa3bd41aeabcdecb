import type { Ack } from './basics.js';
import type { AckOf, CommandName, PayloadOf } from './commands.js';
import type { ServerEventName, ServerEvents } from './events.js';

/**
 * The contract in Socket.IO's shape, for typed sockets on either side:
 * `Socket<ServerToClientEvents, ClientToServerEvents>` in socket.io-client,
 * `Server<ClientToServerEvents, ServerToClientEvents>` in socket.io.
 */
export type ServerToClientEvents = {
  /** Durable events sent with acknowledgement (panic receipts) pass a callback the client calls. */
  [E in ServerEventName]: (data: ServerEvents[E], received?: () => void) => void;
};
export type ClientToServerEvents = {
  [C in CommandName]: (payload: PayloadOf<C>, ack: (answer: Ack<AckOf<C>>) => void) => void;
};
