/** What one aggregated row says besides the first refusal's own fields. */
export interface RefusalCount {
  count: number;
  firstAt: string;
  lastAt: string;
}

interface Window<T> {
  first: T;
  firstAt: number;
  lastAt: number;
  count: number;
}

/**
 * Folds repeated refusals (refused handshakes per client address, RATE_LIMITED answers per socket)
 * into one row per key and window: a flood of garbage tokens costs one audit row per address per
 * window instead of one per attempt. A window is written when it ends; `maxKeys` bounds memory (a
 * flood from many addresses closes every open window early instead of growing without bound).
 */
export class RefusalAggregator<T> {
  private readonly windows = new Map<string, Window<T>>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  get open(): number {
    return this.windows.size;
  }

  /** Counts a refusal; returns the windows closed early to stay within maxKeys (usually none). */
  add(key: string, row: T, now = Date.now()): [T, RefusalCount][] {
    const w = this.windows.get(key);
    if (w) {
      w.count++;
      w.lastAt = now;
      return [];
    }
    const closed = this.windows.size >= this.maxKeys ? this.drain(now, true) : [];
    this.windows.set(key, { first: row, firstAt: now, lastAt: now, count: 1 });
    return closed;
  }

  /** The windows that have ended by `now` (every window with `all`), removed. */
  drain(now = Date.now(), all = false): [T, RefusalCount][] {
    const out: [T, RefusalCount][] = [];
    for (const [key, w] of this.windows) {
      if (!all && w.firstAt + this.windowMs > now) continue;
      this.windows.delete(key);
      const iso = (ms: number) => new Date(ms).toISOString();
      out.push([w.first, { count: w.count, firstAt: iso(w.firstAt), lastAt: iso(w.lastAt) }]);
    }
    return out;
  }
}
