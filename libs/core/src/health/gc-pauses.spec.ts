import { addPause, emptyTotals, GcPauses } from './gc-pauses.js';

/** Short-lived garbage until the observer has seen a minor GC; bounded, never a sleep. */
async function untilMinorGc(gc: GcPauses): Promise<void> {
  // Kept in a ring the compiler cannot see through, so the allocations are real.
  const ring: unknown[] = new Array(1024);
  for (let round = 0; round < 500 && gc.snapshot().minor.count === 0; round++) {
    for (let i = 0; i < 20_000; i++) ring[i & 1023] = { i, next: [i] };
    await new Promise<void>((resolve) => setImmediate(resolve)); // observer callbacks run between turns
  }
}

describe('GC pauses', () => {
  it('counts, sums and keeps the longest pause per kind', () => {
    const totals = emptyTotals();
    addPause(totals, 'minor', 2);
    addPause(totals, 'minor', 5);
    addPause(totals, 'major', 30);
    expect(totals.minor).toEqual({ count: 2, totalMs: 7, maxMs: 5 });
    expect(totals.major).toEqual({ count: 1, totalMs: 30, maxMs: 30 });
    expect(totals.incremental.count).toBe(0);
  });

  it("observes this process's collections, and a reset starts a new window", async () => {
    const gc = new GcPauses().start();
    try {
      await untilMinorGc(gc);
      const seen = gc.snapshot();
      expect(seen.minor.count).toBeGreaterThan(0);
      expect(seen.minor.totalMs).toBeGreaterThan(0);
      expect(seen.pausedPct).toBeGreaterThan(0);
      gc.reset();
      const after = gc.snapshot();
      expect(after.minor).toEqual({ count: 0, totalMs: 0, maxMs: 0 });
      expect(after.windowS).toBeLessThan(1);
    } finally {
      gc.stop();
    }
  });
});
