import { MemoryRateLimitStore } from './rate-limit.store.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows up to the limit in a window, then refuses with a retry delay', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore());
    for (let i = 0; i < 3; i++) expect((await limiter.hit('k', 3, 60_000)).allowed).toBe(true);
    const refused = await limiter.hit('k', 3, 60_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(59_000);
    expect((await limiter.hit('other', 3, 60_000)).allowed).toBe(true);
  });
  it('opens a new window once the old one ends', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore());
    expect((await limiter.hit('k', 1, 1)).allowed).toBe(true);
    const start = Date.now();
    while (Date.now() - start < 3) {
      /* let the 1 ms window pass without a timer */
    }
    expect((await limiter.hit('k', 1, 1)).allowed).toBe(true);
  });
  it('hitNow decides at once with the in-process store, on the same windows as hit', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore());
    expect(limiter.hitNow('k', 2, 60_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect((await limiter.hit('k', 2, 60_000)).allowed).toBe(true);
    const refused = limiter.hitNow('k', 2, 60_000)!;
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(59_000);
  });
  it('hitNow answers null for a store across the network (the caller awaits hit)', () => {
    const remote = { increment: () => Promise.resolve({ count: 1, resetInMs: 1000 }) };
    expect(new RateLimiter(remote).hitNow('k', 2, 1000)).toBeNull();
  });
});
