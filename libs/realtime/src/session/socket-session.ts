import type { ClientToServerEvents, ServerToClientEvents } from '#contract';
import type { Principal } from '#core';
import type { Server, Socket } from 'socket.io';

/**
 * What the handshake stores on `socket.data`; the principal is refreshed live on reassignment.
 * Plain JSON only: the Redis adapter serialises `data` when another node calls fetchSockets().
 */
export interface SocketSession {
  principal: Principal;
  expiresAt: number;
  connectedAt: number;
  remoteAddress: string;
  deviceId?: string;
  /** The user's token epoch at the handshake: a socket of an older epoch is revoked (token-epoch.ts). */
  tokenEpoch: number;
  /** Streams the socket may read and their heads at connect, sent in the `session` event, then dropped. */
  streamHeads?: Record<string, number>;
}

/** Typed by the contract: emitting an event name it lacks, or the wrong data, does not compile. */
export type PsSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketSession
>;
/** Inter-node messages (durable envelopes, receipts, session controls) are the realtime lib's own. */
export type PsServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, (...args: unknown[]) => void>,
  SocketSession
>;

export const sessionOf = (socket: { data: SocketSession }): SocketSession => socket.data;
