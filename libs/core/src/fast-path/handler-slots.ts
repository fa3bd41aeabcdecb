/** What Nest hands a WebSocket adapter for one `@SubscribeMessage` handler of a gateway. */
export interface GatewayMessageHandler {
  message: string;
  callback: (...args: unknown[]) => unknown;
}

/** A socket's `disconnect` event, as Socket.IO's server socket offers it. */
export interface DisconnectSource {
  once(event: 'disconnect', listener: (reason: string) => void): unknown;
}

/**
 * What Nest bound to one socket: each gateway handler (by the event's slot, the same on every
 * socket) and the gateways' disconnect hooks.
 */
interface BoundHandlers {
  callbacks: GatewayMessageHandler['callback'][];
  onDisconnect: ((reason: string) => void)[];
}
const BOUND = Symbol('ps:bound-handlers');
type BoundSocket = object & { [BOUND]?: BoundHandlers };

function boundOf(socket: BoundSocket): BoundHandlers {
  return (socket[BOUND] ??= { callbacks: [], onDisconnect: [] });
}

/**
 * Fast path (docs/fast-path.md, "socket message binding"), for the adapter's overrides of Nest's
 * IoAdapter.bindMessageHandlers and bindClientDisconnect: Nest binds, per socket and per gateway,
 * a listener, an rxjs chain and a bound callback for every event, and one `disconnect` listener per
 * gateway. Here the handlers are only recorded, in plain arrays indexed by the event's slot (one
 * numbering for all sockets), and one listener per socket (the adapter's `onAny`) dispatches:
 * memory per connection, and no rxjs per message.
 */
export class HandlerSlots {
  /** Event name -> slot in every socket's callbacks array. */
  private readonly slots = new Map<string, number>();

  /** `onNewSlot` runs once per event name, when it first gets its slot. */
  constructor(private readonly onNewSlot: (message: string, slot: number) => void) {}

  /** The event's slot, made on first sight. */
  register(message: string): number {
    let slot = this.slots.get(message);
    if (slot === undefined) {
      this.slots.set(message, (slot = this.slots.size));
      this.onNewSlot(message, slot);
    }
    return slot;
  }

  /** The slot of an event some gateway handles; undefined for an unknown event. */
  slotOf(message: string): number | undefined {
    return this.slots.get(message);
  }

  /** Records the handlers Nest binds to `socket` (no listener is added). */
  bind(socket: object, handlers: readonly GatewayMessageHandler[]): void {
    const bound = boundOf(socket);
    for (const { message, callback } of handlers) bound.callbacks[this.register(message)] = callback;
  }

  /** The handler bound to `socket` for that slot, if any. */
  callbackOf(socket: object, slot: number): GatewayMessageHandler['callback'] | undefined {
    return (socket as BoundSocket)[BOUND]?.callbacks[slot];
  }

  /** One `disconnect` listener per socket for every gateway's hook. */
  bindDisconnect(socket: DisconnectSource, hook: (reason: string) => void): void {
    const hooks = boundOf(socket).onDisconnect;
    hooks.push(hook);
    if (hooks.length === 1) socket.once('disconnect', (reason) => hooks.forEach((h) => h(reason)));
  }
}

/**
 * Fast path (docs/fast-path.md, "handshake request dropped"): the HTTP request of a socket's
 * handshake (engine.io keeps it as `conn.request` for the socket's life) is not needed once the
 * socket is connected; dropping it saves memory per connection.
 */
export function dropHandshakeRequest(socket: { conn: unknown }): void {
  (socket.conn as { request: unknown }).request = null;
}
