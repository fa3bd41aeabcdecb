import { Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store.js';

export interface RateDecision {
  allowed: boolean;
  retryAfterMs: number;
}

/**
 * Fixed-window limits per key, used by login and the socket layer. The store is in-memory on one
 * node and Redis-backed with several, so limits hold cluster-wide.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const { count, resetInMs } = await this.store.increment(key, windowMs);
    return count > limit
      ? { allowed: false, retryAfterMs: Math.max(1, resetInMs) }
      : { allowed: true, retryAfterMs: 0 };
  }
}
