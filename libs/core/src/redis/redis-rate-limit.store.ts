import type { Redis } from 'ioredis';
import { DependencyTimeoutError } from '../errors/is-dependency-down.js';
import { rootLogger } from '../logging/logger.js';
import type { RateLimitStore } from '../rate-limit/rate-limit.store.js';

// INCR and set the window's expiry only when the key is new; return count and remaining ms.
const SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;

/** After a failed call, calls skip Redis (and are allowed) for this long: one slow call per second at most. */
export const RATE_LIMIT_SKIP_MS = 1000;

/**
 * Fixed windows counted in Redis, so every node sees the same counts. When Redis is down or slow
 * the limiter fails open (counts as the first hit): refusing every command would be worse. A slow
 * Redis is treated as a dead one: a call waits at most `budgetMs` (a fifth of COMMAND_TIMEOUT_MS,
 * so the command it gates still answers in time), and for RATE_LIMIT_SKIP_MS after a failure no
 * call waits at all.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly log = rootLogger().child({ context: 'rate-limit' });
  private warned = false;
  private skipUntil = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly budgetMs: number,
  ) {}

  async increment(key: string, windowMs: number) {
    if (Date.now() < this.skipUntil) return { count: 1, resetInMs: windowMs };
    let timer: NodeJS.Timeout | undefined;
    try {
      const call = this.redis.eval(SCRIPT, 1, `${this.prefix}:rl:${key}`, String(windowMs));
      call.catch(() => undefined); // settles after the race is lost too
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DependencyTimeoutError('Redis', this.budgetMs)), this.budgetMs);
      });
      const [count, ttl] = (await Promise.race([call, late])) as [number, number];
      this.warned = false;
      return { count, resetInMs: ttl };
    } catch (err) {
      this.skipUntil = Date.now() + RATE_LIMIT_SKIP_MS;
      if (!this.warned) this.log.warn({ err }, 'rate limit store unavailable; allowing requests');
      this.warned = true;
      return { count: 1, resetInMs: windowMs };
    } finally {
      clearTimeout(timer);
    }
  }
}
