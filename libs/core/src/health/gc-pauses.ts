import { constants, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export type GcKind = 'minor' | 'major' | 'incremental' | 'weakcb';
export interface GcKindTotals {
  count: number;
  totalMs: number;
  maxMs: number;
}
export interface GcWindow {
  windowS: number;
  /**
   * Share of the window the main thread spent in the GC pauses reported (every kind): a lower bound,
   * as incremental marking steps between them are not reported.
   */
  pausedPct: number;
  minor: GcKindTotals;
  major: GcKindTotals;
  incremental: GcKindTotals;
  weakcb: GcKindTotals;
}

const KINDS: Record<number, GcKind> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  2: 'minor', // V8's minor mark-sweep (--minor-ms), which Node has no constant for
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const empty = (): GcKindTotals => ({ count: 0, totalMs: 0, maxMs: 0 });
export const emptyTotals = (): Record<GcKind, GcKindTotals> => ({
  minor: empty(),
  major: empty(),
  incremental: empty(),
  weakcb: empty(),
});

/** Adds one GC pause to a window's totals (pure: the observer below feeds it). */
export function addPause(totals: Record<GcKind, GcKindTotals>, kind: GcKind, ms: number): void {
  const t = totals[kind];
  t.count++;
  t.totalMs += ms;
  if (ms > t.maxMs) t.maxMs = ms;
}

/**
 * The main thread's GC pauses since the last reset, by kind: the 10,000-guard stalls start at a
 * major GC, so operators and the benchmark see them next to the event-loop delay. The observer is
 * cheap: one entry per collection, a few per second. Imports node only: the benchmark's bare
 * baseline server uses it too.
 */
export class GcPauses {
  private totals = emptyTotals();
  private windowStart = performance.now();
  private observer?: PerformanceObserver;

  start(): this {
    if (this.observer) return this;
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // Entries arrive a few turns late: one from before a reset belongs to the old window.
        if (entry.startTime < this.windowStart) continue;
        const kind = KINDS[(entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1];
        if (kind) addPause(this.totals, kind, entry.duration);
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
    return this;
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  reset(): void {
    this.totals = emptyTotals();
    this.windowStart = performance.now();
  }

  snapshot(): GcWindow {
    const windowMs = performance.now() - this.windowStart;
    const kinds = Object.values(this.totals);
    const paused = kinds.reduce((sum, t) => sum + t.totalMs, 0);
    const out = (t: GcKindTotals) => ({ count: t.count, totalMs: round2(t.totalMs), maxMs: round2(t.maxMs) });
    return {
      windowS: Math.round(windowMs / 100) / 10,
      pausedPct: windowMs > 0 ? round2((100 * paused) / windowMs) : 0,
      minor: out(this.totals.minor),
      major: out(this.totals.major),
      incremental: out(this.totals.incremental),
      weakcb: out(this.totals.weakcb),
    };
  }
}
