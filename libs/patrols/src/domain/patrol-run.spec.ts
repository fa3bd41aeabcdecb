import { endOfRunShift, lastActivityOf, progressOf, remainingOf } from './patrol-run.js';

describe('endOfRunShift', () => {
  const at = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00Z`);
  const run = { startedAt: at('08:00'), lastProgressAt: at('08:20') };

  it('keeps the run while its shift is open, or unknown', () => {
    expect(endOfRunShift(run, { endedAt: null, endedReceivedAt: null })).toBeNull();
    expect(endOfRunShift(run, undefined)).toBeNull();
  });

  it('ends the run at the clock-out', () => {
    expect(endOfRunShift(run, { endedAt: at('09:30'), endedReceivedAt: at('09:31') })).toEqual(at('09:30'));
  });

  it('a phone clock running ahead cannot date the end later than the server received it', () => {
    expect(endOfRunShift(run, { endedAt: at('09:32'), endedReceivedAt: at('09:30') })).toEqual(at('09:30'));
  });

  it('never ends the run before it started or before its last counted scan', () => {
    expect(endOfRunShift(run, { endedAt: at('08:10'), endedReceivedAt: at('08:11') })).toEqual(at('08:20'));
    const unscanned = { startedAt: at('08:00'), lastProgressAt: at('08:00') };
    expect(endOfRunShift(unscanned, { endedAt: at('07:59'), endedReceivedAt: at('08:30') })).toEqual(
      at('08:00'),
    );
  });
});

describe('lastActivityOf', () => {
  it('is the last counted scan, else the start', () => {
    const startedAt = new Date('2026-11-26T08:00:00Z');
    const scanned = new Date('2026-11-26T08:20:00Z');
    expect(lastActivityOf({ startedAt, lastProgressAt: scanned })).toEqual(scanned);
    expect(lastActivityOf({ startedAt, lastProgressAt: startedAt })).toEqual(startedAt);
  });
});

describe('progressOf / remainingOf', () => {
  const run = { checkpointIds: ['a', 'b', 'c'], scannedIds: ['b', 'b', 'x'] };
  it('counts distinct route checkpoints and lists the rest in route order', () => {
    expect(progressOf(run)).toEqual({ scanned: 1, total: 3 });
    expect(remainingOf(run)).toEqual(['a', 'c']);
  });
});
