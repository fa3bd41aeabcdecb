import { createHistogram } from 'node:perf_hooks';
import { loopDelayMs } from './loop-delay.js';

describe('loopDelayMs', () => {
  it('gives null statistics while there are no samples', () => {
    expect(loopDelayMs(createHistogram())).toEqual({
      samples: 0,
      mean: null,
      p50: null,
      p99: null,
      max: null,
    });
  });

  it('converts nanoseconds to ms in 0.01 steps', () => {
    const h = createHistogram();
    h.record(5_000_000); // 5 ms
    h.record(12_345_678); // 12.345678 ms
    const d = loopDelayMs(h);
    expect(d.samples).toBe(2);
    expect(d.p50).toBeCloseTo(5, 1);
    expect(d.max).toBeCloseTo(12.35, 1);
    expect(d.mean).toBeCloseTo(8.67, 1);
  });
});
