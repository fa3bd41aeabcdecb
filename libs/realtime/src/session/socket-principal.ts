import type { RevocationReason } from '#contract';
import type { Role } from '#core';
import { roomsOf } from '../contract/rooms.js';
import type { PsSocket } from './socket-session.js';

/**
 * Gives a local socket a new role and sites: leaves the rooms it no longer belongs to, joins the
 * new ones and updates its cached principal. Returns whether anything changed.
 */
export function applyPrincipal(socket: PsSocket, role: Role, siteIds: string[]): boolean {
  const before = socket.data.principal;
  if (role === before.role && siteIds.join() === before.siteIds.join()) return false;
  const after = { ...before, role, siteIds };
  const [was, now] = [roomsOf(before), roomsOf(after)];
  for (const r of was) if (!now.includes(r)) void socket.leave(r);
  void socket.join(now.filter((r) => !was.includes(r)));
  socket.data.principal = after;
  return true;
}

/** Tells a local socket its session is over, then cuts it. */
export function revoke(socket: PsSocket, reason: RevocationReason): void {
  socket.emit('session_revoked', { reason });
  // A DISCONNECT packet: the client sees "io server disconnect" and must log in again, unlike a
  // transport close, which it would retry on its own.
  socket.disconnect(false);
}
