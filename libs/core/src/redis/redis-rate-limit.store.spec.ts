import type { Redis } from 'ioredis';
import { createRootLogger, setRootLogger } from '../logging/logger.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

setRootLogger(createRootLogger('silent')); // the outage's log lines are expected

/** A Redis whose calls never answer (a stopped server with its connection still open). */
const hungRedis = () => {
  const calls: string[] = [];
  const redis = {
    eval: (_s: string, _n: number, key: string) => (calls.push(key), new Promise(() => undefined)),
  };
  return { redis: redis as unknown as Redis, calls };
};

describe('RedisRateLimitStore', () => {
  it('fails open when Redis does not answer within its budget, then skips Redis for a while', async () => {
    const { redis, calls } = hungRedis();
    const store = new RedisRateLimitStore(redis, 'p', 30);
    const startedAt = Date.now();
    await expect(store.increment('k', 60_000)).resolves.toEqual({ count: 1, resetInMs: 60_000 });
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await expect(store.increment('k', 60_000)).resolves.toEqual({ count: 1, resetInMs: 60_000 });
    expect(calls).toEqual(['p:rl:k']); // the second hit did not wait for the hung Redis
  });

  it('fails open at once on an error (a dead Redis) and counts when Redis answers', async () => {
    let answer: () => Promise<unknown> = () => Promise.reject(new Error('Connection is closed.'));
    const redis = { eval: () => answer() } as unknown as Redis;
    const store = new RedisRateLimitStore(redis, 'p', 1000);
    await expect(store.increment('k', 500)).resolves.toEqual({ count: 1, resetInMs: 500 });
    answer = () => Promise.resolve([7, 123]);
    const fresh = new RedisRateLimitStore(redis, 'p', 1000);
    await expect(fresh.increment('k', 500)).resolves.toEqual({ count: 7, resetInMs: 123 });
  });
});
