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

export type PsSocket = Socket<
  Record<string, (...args: unknown[]) => void>,
  Record<string, (...args: unknown[]) => void>,
  Record<string, never>,
  SocketSession
>;
export type PsServer = Server<
  Record<string, (...args: unknown[]) => void>,
  Record<string, (...args: unknown[]) => void>,
  Record<string, (...args: unknown[]) => void>,
  SocketSession
>;

export const sessionOf = (socket: { data: SocketSession }): SocketSession => socket.data;
