import { Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store.js';

export interface RateDecision {
  allowed: boolean;
  retryAfterMs: number;
}

const ALLOWED: RateDecision = Object.freeze({ allowed: true, retryAfterMs: 0 });

/**
 * Fixed-window limits per key, used by login and the socket layer. The store is in-memory on one
 * node and Redis-backed with several, so limits hold cluster-wide.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  /**
   * hit(), decided at once when the store lives in this process (one node); null when it does not
   * (Redis): call hit(). The socket layer checks every command's budget, and the async path was a
   * chain of promises and objects per command.
   */
  hitNow(key: string, limit: number, windowMs: number): RateDecision | null {
    const w = this.store.incrementNow?.(key, windowMs);
    if (!w) return null;
    return w.count > limit ? { allowed: false, retryAfterMs: Math.max(1, w.resetAt - Date.now()) } : ALLOWED;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const { count, resetInMs } = await this.store.increment(key, windowMs);
    return count > limit
      ? { allowed: false, retryAfterMs: Math.max(1, resetInMs) }
      : { allowed: true, retryAfterMs: 0 };
  }
}
