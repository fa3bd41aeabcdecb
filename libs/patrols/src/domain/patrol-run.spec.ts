import { endOfRunShift, progressOf, remainingOf } from './patrol-run.js';

describe('endOfRunShift', () => {
  const startedAt = new Date('2026-11-26T08:00:00Z');
  const run = { startedAt };
  const shiftStart = new Date('2026-11-26T07:00:00Z');

  it('keeps the run while its shift is open', () => {
    expect(endOfRunShift(run, { startedAt: shiftStart, endedAt: null })).toBeNull();
  });

  it('decides nothing when the shift is unknown', () => {
    expect(endOfRunShift(run, undefined)).toBeNull();
  });

  it('ends the run when its shift ended, at the clock-out', () => {
    const endedAt = new Date('2026-11-26T09:30:00Z');
    expect(endOfRunShift(run, { startedAt: shiftStart, endedAt })).toEqual(endedAt);
  });

  it('never ends the run before it started (a phone clock behind the server)', () => {
    const endedAt = new Date('2026-11-26T07:59:00Z');
    expect(endOfRunShift(run, { startedAt: shiftStart, endedAt })).toEqual(startedAt);
  });
});

describe('progressOf / remainingOf', () => {
  const run = { checkpointIds: ['a', 'b', 'c'], scannedIds: ['b', 'b', 'x'] };
  it('counts distinct route checkpoints and lists the rest in route order', () => {
    expect(progressOf(run)).toEqual({ scanned: 1, total: 3 });
    expect(remainingOf(run)).toEqual(['a', 'c']);
  });
});
