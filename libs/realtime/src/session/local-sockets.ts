import type { PsServer, PsSocket } from './socket-session.js';

/** The sockets of a room that live on this node (their `data` is ours to update). */
export function localSocketsIn(server: PsServer, room: string): PsSocket[] {
  const ids = server.of('/').adapter.rooms.get(room);
  if (!ids) return [];
  const out: PsSocket[] = [];
  for (const id of ids) {
    const s = server.of('/').sockets.get(id);
    if (s) out.push(s as PsSocket);
  }
  return out;
}
