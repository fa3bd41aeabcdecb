import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PresenceStatus, PresenceStore } from './presence.store.js';

const ADD = `
redis.call('SADD', KEYS[1], ARGV[1]); redis.call('SADD', KEYS[3], ARGV[3])
if redis.call('HGET', KEYS[2], 'status') == 'online' then return 0 end
redis.call('HSET', KEYS[2], 'status', 'online', 'since', ARGV[2]); return 1`;
const REMOVE = `redis.call('SREM', KEYS[1], ARGV[1]); redis.call('SREM', KEYS[2], ARGV[2]); return redis.call('SCARD', KEYS[1])`;
const OFFLINE = `
if redis.call('SCARD', KEYS[1]) > 0 or redis.call('HGET', KEYS[2], 'status') ~= 'online' then return 0 end
redis.call('HSET', KEYS[2], 'status', 'offline', 'since', ARGV[1]); return 1`;

const NODE_DEAD_AFTER_MS = 30_000;

/**
 * Presence in Redis: a set of `<node>|<socket>` per user, a status hash per user, and per node the
 * list of its sockets plus a heartbeat, so the sockets of a node that died are swept by another.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly nodeId = randomUUID();
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private k = {
    sockets: (u: string) => `${this.prefix}:pr:s:${u}`,
    status: (u: string) => `${this.prefix}:pr:st:${u}`,
    node: (n: string) => `${this.prefix}:pr:n:${n}`,
    nodes: () => `${this.prefix}:pr:nodes`,
  };

  async add(userId: string, socketId: string, at: string): Promise<boolean> {
    const member = `${this.nodeId}|${socketId}`;
    const keys = [this.k.sockets(userId), this.k.status(userId), this.k.node(this.nodeId)];
    return (await this.redis.eval(ADD, 3, ...keys, member, at, `${userId}|${socketId}`)) === 1;
  }

  async remove(userId: string, socketId: string): Promise<number> {
    const keys = [this.k.sockets(userId), this.k.node(this.nodeId)];
    return Number(
      await this.redis.eval(REMOVE, 2, ...keys, `${this.nodeId}|${socketId}`, `${userId}|${socketId}`),
    );
  }

  async markOfflineIfIdle(userId: string, at: string): Promise<boolean> {
    return (await this.redis.eval(OFFLINE, 2, this.k.sockets(userId), this.k.status(userId), at)) === 1;
  }

  async statuses(userIds: string[]): Promise<Map<string, PresenceStatus>> {
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.hmget(this.k.status(id), 'status', 'since');
    const rows = (await pipeline.exec()) ?? [];
    return new Map(
      userIds.map((id, i) => {
        const [status, since] = (rows[i]?.[1] as (string | null)[] | undefined) ?? [];
        return [
          id,
          status === 'online' ? { status: 'online', since } : { status: 'offline', since: since ?? null },
        ];
      }),
    );
  }

  async heartbeat(): Promise<void> {
    await this.redis.zadd(this.k.nodes(), Date.now(), this.nodeId);
  }

  async sweepDeadNodes(): Promise<string[]> {
    const dead = await this.redis.zrangebyscore(this.k.nodes(), '-inf', Date.now() - NODE_DEAD_AFTER_MS);
    const users = new Set<string>();
    for (const node of dead) {
      if ((await this.redis.zrem(this.k.nodes(), node)) !== 1) continue; // another node claimed it
      for (const entry of await this.redis.smembers(this.k.node(node))) {
        const [userId, socketId] = entry.split('|');
        await this.redis.srem(this.k.sockets(userId), `${node}|${socketId}`);
        users.add(userId);
      }
      await this.redis.del(this.k.node(node));
    }
    return [...users];
  }
}
