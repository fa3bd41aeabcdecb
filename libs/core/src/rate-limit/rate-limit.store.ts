/** Counts hits of a key within a fixed window. Memory on one node, Redis with several. */
export interface RateLimitStore {
  /** Adds one hit and returns the count in the current window and the ms until it resets. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /**
   * The same, answered at once, by a store that lives in this process (memory): the window after
   * the hit, read-only. Stores across the network do not have it.
   */
  incrementNow?(key: string, windowMs: number): Readonly<{ count: number; resetAt: number }>;
}
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** Fixed windows in a Map, swept lazily so idle keys do not accumulate. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = Date.now();

  async increment(key: string, windowMs: number) {
    const w = this.incrementNow(key, windowMs);
    return { count: w.count, resetInMs: w.resetAt - Date.now() };
  }

  incrementNow(key: string, windowMs: number): Readonly<{ count: number; resetAt: number }> {
    const now = Date.now();
    if (now - this.lastSweep > 60_000) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
