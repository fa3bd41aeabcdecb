import { rootLogger } from '#core';
import type { Publisher } from '#realtime';

const CLUSTER_ANSWER_MS = 3000;
const log = () => rootLogger().child({ context: 'cluster-rooms' });

/** Room names: a Set from the cluster, or this node's own room map (read, never copied). */
export type RoomNames = Pick<ReadonlySet<string>, 'has' | 'keys'>;

/**
 * Rooms that have at least one socket anywhere in the cluster. With the Redis adapter this asks
 * every node for its room names (allRooms); one node answers from its own adapter, without copying
 * it (tens of thousands of rooms at 10,000 guards, and a guard_stale timer asks once per guard).
 * Used instead of a remote fetchSockets, which would have to serialise every socket's session
 * data. When the cluster does not answer quickly (Redis down), this node's own rooms are the
 * answer: a timer handler must never hang on Redis.
 */
export async function occupiedRooms(publisher: Publisher): Promise<RoomNames> {
  const adapter = publisher.io.of('/').adapter as typeof publisher.io.sockets.adapter & {
    allRooms?: () => Promise<Set<string>>;
  };
  const local: RoomNames = adapter.rooms;
  if (typeof adapter.allRooms !== 'function') return local;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      adapter.allRooms(),
      new Promise<Set<string>>((_, reject) => {
        timer = setTimeout(() => reject(new Error('cluster did not answer')), CLUSTER_ANSWER_MS);
      }),
    ]);
  } catch (err) {
    log().warn({ err }, 'cluster rooms unavailable; using this node only');
    return local;
  } finally {
    clearTimeout(timer);
  }
}
