import {
  bootstrapShiftInterval,
  hodgesLehmannShift,
  mannWhitneyU,
  mean,
  median,
  rankPermutationP,
  seededRandom,
} from './stats.js';

describe('bench statistics', () => {
  it('takes medians and means', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('repeats the same sequence for the same seed, within [0, 1)', () => {
    const first = seededRandom(7);
    const second = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });

  it('estimates the shift of b above a as the median pairwise difference', () => {
    expect(hodgesLehmannShift([1, 2, 3], [11, 12, 13])).toBe(10);
    expect(hodgesLehmannShift([11, 12, 13], [1, 2, 3])).toBe(-10);
  });

  it('counts pairs where b is above a, ties as half', () => {
    expect(mannWhitneyU([1, 2], [3, 4])).toBe(4);
    expect(mannWhitneyU([3, 4], [1, 2])).toBe(0);
    expect(mannWhitneyU([1, 2], [2, 3])).toBe(3.5);
  });

  it('gives the exact two-sided p of fully separated groups', () => {
    // 70 ways to split 8 runs 4 and 4; only "all b above" and "all b below" are as extreme.
    expect(rankPermutationP([1, 2, 3, 4], [5, 6, 7, 8], seededRandom(1))).toBeCloseTo(2 / 70, 10);
  });

  it('gives a large p to interleaved groups', () => {
    expect(rankPermutationP([1, 3, 5, 7], [2, 4, 6, 8], seededRandom(1))).toBeGreaterThan(0.5);
  });

  it('samples relabellings when there are too many to enumerate', () => {
    const a = Array.from({ length: 12 }, (_, i) => i);
    const b = a.map((x) => x + 100);
    const p = rankPermutationP(a, b, seededRandom(1), 5000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.001);
    const mixed = rankPermutationP(
      a,
      a.map((x) => x + 0.5),
      seededRandom(1),
      5000,
    );
    expect(mixed).toBeGreaterThan(0.5);
  });

  it('brackets a constant shift with the bootstrap interval', () => {
    const a = [1, 2, 3, 4, 5];
    const [low, high] = bootstrapShiftInterval(
      a,
      a.map((x) => x + 100),
      seededRandom(3),
    );
    expect(low).toBeGreaterThanOrEqual(96);
    expect(high).toBeLessThanOrEqual(104);
    expect(low).toBeLessThanOrEqual(100);
    expect(high).toBeGreaterThanOrEqual(100);
  });
});
