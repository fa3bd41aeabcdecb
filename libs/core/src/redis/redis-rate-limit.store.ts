import type { Redis } from 'ioredis';
import { rootLogger } from '../logging/logger.js';
import type { RateLimitStore } from '../rate-limit/rate-limit.store.js';

// INCR and set the window's expiry only when the key is new; return count and remaining ms.
const SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;

/**
 * Fixed windows counted in Redis, so every node sees the same counts. During a Redis outage the
 * limiter fails open (counts as the first hit): refusing every command would be worse.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly log = rootLogger().child({ context: 'rate-limit' });
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, windowMs: number) {
    try {
      const [count, ttl] = (await this.redis.eval(
        SCRIPT,
        1,
        `${this.prefix}:rl:${key}`,
        String(windowMs),
      )) as [number, number];
      this.warned = false;
      return { count, resetInMs: ttl };
    } catch (err) {
      if (!this.warned) this.log.warn({ err }, 'rate limit store unavailable; allowing requests');
      this.warned = true;
      return { count: 1, resetInMs: windowMs };
    }
  }
}
