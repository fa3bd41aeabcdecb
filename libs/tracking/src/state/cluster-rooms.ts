import type { Publisher } from '#realtime';

/**
 * Rooms that have at least one socket anywhere in the cluster. With the Redis adapter this asks
 * every node for its room names (allRooms); one node answers from its own adapter. Used instead of
 * a remote fetchSockets, which would have to serialise every socket's session data.
 */
export async function occupiedRooms(publisher: Publisher): Promise<Set<string>> {
  const adapter = publisher.io.of('/').adapter as typeof publisher.io.sockets.adapter & {
    allRooms?: () => Promise<Set<string>>;
  };
  if (typeof adapter.allRooms === 'function') return adapter.allRooms();
  return new Set(adapter.rooms.keys());
}
