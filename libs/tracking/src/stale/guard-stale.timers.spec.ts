import { randomUUID } from 'node:crypto';
import { fixesToTouch, spreadOf } from './guard-stale.timers.js';

describe('spreadOf', () => {
  it("reads [-1, 1) off the id's first 32 bits, the same for the same guard", () => {
    expect(spreadOf('00000000-0000-4000-8000-000000000000')).toBe(-1);
    expect(spreadOf('80000000-0000-4000-8000-000000000000')).toBe(0);
    expect(spreadOf('ffffffff-0000-4000-8000-000000000000')).toBeCloseTo(1, 8);
    expect(spreadOf('ffffffff-0000-4000-8000-000000000000')).toBeLessThan(1);
    expect(spreadOf('not-hex')).toBe(0);
  });

  it('spreads random ids evenly (each quarter of the range holds about a quarter of 4,000)', () => {
    const quarters = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) quarters[Math.floor((spreadOf(randomUUID()) + 1) * 2)]++;
    for (const n of quarters) expect(n).toBeGreaterThan(800); // 1,000 expected; 800 is 7 sigma below
  });
});

describe('fixesToTouch', () => {
  const afterMs = 120_000;
  const middle = '80000000-0000-4000-8000-000000000001'; // spread 0: half a period
  const early = '00000000-0000-4000-8000-000000000002'; // spread -1: three eighths
  const late = 'ffffffff-0000-4000-8000-000000000003'; // spread just under 1: five eighths
  const fix = (guardId: string) => ({ guardId });

  it('writes a guard this node has not stored a deadline for', () => {
    expect(fixesToTouch([fix(middle)], new Map(), 0, afterMs)).toEqual([fix(middle)]);
  });

  it('skips a guard whose stored deadline is more than half a period away, writes it after', () => {
    const stored = new Map([[middle, 1_000_000]]);
    expect(fixesToTouch([fix(middle)], stored, 1_000_000 - 60_001, afterMs)).toEqual([]);
    expect(fixesToTouch([fix(middle)], stored, 1_000_000 - 60_000, afterMs)).toEqual([fix(middle)]);
  });

  it("moves the threshold by up to an eighth of the period either way, by the guard's spread", () => {
    const due = 1_000_000;
    const stored = new Map([early, late].map((g) => [g, due] as const));
    const at = (untilDueMs: number) =>
      fixesToTouch([fix(early), fix(late)], stored, due - untilDueMs, afterMs);
    expect(at(75_001)).toEqual([]);
    expect(at(74_999)).toEqual([fix(late)]); // five eighths of 120 s is 75 s
    expect(at(45_001)).toEqual([fix(late)]);
    expect(at(45_000)).toEqual([fix(early), fix(late)]); // three eighths is 45 s
  });

  it('spreads a fleet that clocked in together over a quarter of the period', () => {
    const guards = Array.from({ length: 1000 }, () => randomUUID());
    const stored = new Map(guards.map((g) => [g, afterMs] as const)); // all armed at 0
    const writtenBy = (nowMs: number) => fixesToTouch(guards.map(fix), stored, nowMs, afterMs).length;
    expect(writtenBy(45_000 - 1)).toBe(0);
    expect(writtenBy(60_000)).toBeGreaterThan(350); // about half
    expect(writtenBy(60_000)).toBeLessThan(650);
    expect(writtenBy(75_000)).toBe(1000);
  });

  it('writes a guard whose stored deadline has passed (its timer fired and the row is gone)', () => {
    expect(fixesToTouch([fix(middle), fix(early)], new Map([[middle, 5]]), 10, afterMs)).toEqual([
      fix(middle),
      fix(early),
    ]);
  });
});
