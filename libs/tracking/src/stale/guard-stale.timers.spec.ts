import { fixesToTouch } from './guard-stale.timers.js';

describe('fixesToTouch', () => {
  const afterMs = 120_000;
  const fix = (guardId: string) => ({ guardId });

  it('writes a guard this node has not stored a deadline for', () => {
    expect(fixesToTouch([fix('a')], new Map(), 0, afterMs)).toEqual([fix('a')]);
  });

  it('skips a guard whose stored deadline is more than half a period away, writes it after', () => {
    const stored = new Map([['a', 1_000_000]]);
    expect(fixesToTouch([fix('a')], stored, 1_000_000 - 60_001, afterMs)).toEqual([]);
    expect(fixesToTouch([fix('a')], stored, 1_000_000 - 60_000, afterMs)).toEqual([fix('a')]);
  });

  it('writes a guard whose stored deadline has passed (its timer fired and the row is gone)', () => {
    expect(fixesToTouch([fix('a'), fix('b')], new Map([['a', 5]]), 10, afterMs)).toEqual([
      fix('a'),
      fix('b'),
    ]);
  });
});
