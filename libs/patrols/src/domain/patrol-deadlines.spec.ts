import {
  decideGap,
  decideOverdue,
  gapDeadline,
  missedAtGap,
  overdueDeadline,
  scanDisprovesMiss,
} from './patrol-deadlines.js';
import { progressOf, remainingOf } from './patrol-run.js';

const MIN = 60_000;
const t0 = new Date('2026-11-22T01:00:00.000Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe('patrol deadlines', () => {
  it('gap deadline: maxGap minutes after the latest counted scan (device time)', () => {
    expect(gapDeadline(t0, 15, MIN)).toEqual(plus(15 * MIN));
    expect(gapDeadline(t0, 2, 500)).toEqual(plus(1000)); // shortened minutes (PATROL_MINUTE_MS) in tests
  });

  it('overdue deadline: expected duration after the start', () => {
    expect(overdueDeadline(t0, 45, MIN)).toEqual(plus(45 * MIN));
  });

  it('missed checkpoints: one per whole gap elapsed, at least one, at most what remains', () => {
    const remaining = ['b', 'c', 'd'];
    expect(missedAtGap(remaining, t0, plus(15 * MIN), 15, MIN)).toEqual(['b']);
    expect(missedAtGap(remaining, t0, plus(29 * MIN), 15, MIN)).toEqual(['b']);
    expect(missedAtGap(remaining, t0, plus(31 * MIN), 15, MIN)).toEqual(['b', 'c']);
    expect(missedAtGap(remaining, t0, plus(10 * 15 * MIN), 15, MIN)).toEqual(['b', 'c', 'd']);
  });

  it('a late-delivered scan recorded inside the alerted gap disproves the miss', () => {
    expect(scanDisprovesMiss(t0, plus(14 * MIN), 15, MIN)).toBe(true);
    expect(scanDisprovesMiss(t0, plus(15 * MIN), 15, MIN)).toBe(true); // on the deadline is in time
    expect(scanDisprovesMiss(t0, plus(15 * MIN + 1), 15, MIN)).toBe(false); // really late
    expect(scanDisprovesMiss(t0, plus(-1), 15, MIN)).toBe(false); // older than the gap: no news
    expect(scanDisprovesMiss(null, plus(MIN), 15, MIN)).toBe(false); // nothing raised
  });
});

describe('patrol progress', () => {
  const run = { checkpointIds: ['a', 'b', 'c'], scannedIds: ['c', 'a'] };
  it('counts distinct route checkpoints', () => {
    expect(progressOf(run)).toEqual({ scanned: 2, total: 3 });
    expect(progressOf({ ...run, scannedIds: ['a', 'a', 'x'] })).toEqual({ scanned: 1, total: 3 });
  });
  it('lists what remains in route order', () => {
    expect(remainingOf(run)).toEqual(['b']);
  });
});

describe('firing timers', () => {
  const run = {
    checkpointIds: ['a', 'b', 'c'],
    scannedIds: ['a'],
    lastProgressAt: plus(MIN),
    maxGapMinutes: 10,
    gapAlertBase: null as Date | null,
    startedAt: t0,
    expectedDurationMinutes: 30,
    overdueAlertedAt: null as Date | null,
  };

  it('gap: re-arms when a scan moved the deadline, raises once per gap, stops when all are counted', () => {
    expect(decideGap(run, plus(5 * MIN), MIN)).toEqual({ kind: 'rearm', at: plus(11 * MIN) });
    expect(decideGap(run, plus(11 * MIN), MIN)).toEqual({ kind: 'raise', missed: ['b'] });
    expect(decideGap({ ...run, gapAlertBase: plus(MIN) }, plus(25 * MIN), MIN)).toEqual({ kind: 'none' });
    // a newer scan opened a new gap: that one can be raised again
    expect(decideGap({ ...run, gapAlertBase: t0 }, plus(11 * MIN), MIN)).toEqual({
      kind: 'raise',
      missed: ['b'],
    });
    expect(decideGap({ ...run, scannedIds: ['a', 'b', 'c'] }, plus(60 * MIN), MIN)).toEqual({ kind: 'none' });
  });

  it('overdue: re-arms before the deadline, raises once with every checkpoint not counted', () => {
    expect(decideOverdue(run, plus(29 * MIN), MIN)).toEqual({ kind: 'rearm', at: plus(30 * MIN) });
    expect(decideOverdue(run, plus(30 * MIN), MIN)).toEqual({ kind: 'raise', missed: ['b', 'c'] });
    expect(decideOverdue({ ...run, overdueAlertedAt: plus(30 * MIN) }, plus(40 * MIN), MIN)).toEqual({
      kind: 'none',
    });
  });
});
