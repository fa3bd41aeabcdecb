/**
 * Statistics for comparing bench runs of two conditions (bench/compare.ts). At 10,000 guards one
 * run's tail figures move by 2x or more from run to run on the same build, so a comparison takes
 * several runs a side and asks how far apart the two sets are, not whether one pair differs.
 * Everything here is rank- or resampling-based (tails are skewed, a few runs are wild) and seeded,
 * so the same result files always give the same printout.
 */

/** A small, seeded PRNG (mulberry32): reproducible resampling. Returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** Hodges-Lehmann estimate of how far b sits above a: the median of every difference b_j - a_i. */
export function hodgesLehmannShift(a: readonly number[], b: readonly number[]): number {
  const diffs: number[] = [];
  for (const x of a) for (const y of b) diffs.push(y - x);
  return median(diffs);
}

/** Mann-Whitney U of b against a, ties counted half: how many (a_i, b_j) pairs have b_j above a_i. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const x of a) for (const y of b) u += y > x ? 1 : y === x ? 0.5 : 0;
  return u;
}

/** Enumerates every way to give `k` of `n` pooled values to b, below this many; samples above. */
const EXACT_LIMIT = 200_000;

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * Two-sided permutation p-value of the Mann-Whitney U: the share of relabellings of the pooled
 * runs whose U is at least as far from its mean (|A| * |B| / 2) as the observed one. Exact when
 * the relabellings are few enough to enumerate, else `samples` random ones.
 */
export function rankPermutationP(
  a: readonly number[],
  b: readonly number[],
  random: () => number,
  samples = 20_000,
): number {
  const pooled = [...a, ...b];
  const n = pooled.length;
  const k = b.length;
  const centre = (a.length * b.length) / 2;
  const observed = Math.abs(mannWhitneyU(a, b) - centre);
  // Compare with a tolerance: U is a multiple of 0.5, so rounding must not turn >= into <.
  const asFar = (aa: number[], bb: number[]) => Math.abs(mannWhitneyU(aa, bb) - centre) >= observed - 1e-9;
  if (binomial(n, k) <= EXACT_LIMIT) {
    let hits = 0;
    let total = 0;
    const chosen: number[] = [];
    const visit = (start: number) => {
      if (chosen.length === k) {
        const inB = new Set(chosen);
        const bb = chosen.map((i) => pooled[i]);
        const aa = pooled.filter((_, i) => !inB.has(i));
        total++;
        if (asFar(aa, bb)) hits++;
        return;
      }
      for (let i = start; i <= n - (k - chosen.length); i++) {
        chosen.push(i);
        visit(i + 1);
        chosen.pop();
      }
    };
    visit(0);
    return hits / total;
  }
  let hits = 0;
  const shuffled = [...pooled];
  for (let s = 0; s < samples; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    if (asFar(shuffled.slice(0, n - k), shuffled.slice(n - k))) hits++;
  }
  // Count the observed labelling as one of the samples, so p is never 0.
  return (hits + 1) / (samples + 1);
}

/**
 * Percentile bootstrap interval of the Hodges-Lehmann shift (b above a): each side resampled with
 * replacement `samples` times. `level` 0.9 gives the 5th and 95th percentiles of the shifts.
 */
export function bootstrapShiftInterval(
  a: readonly number[],
  b: readonly number[],
  random: () => number,
  level = 0.9,
  samples = 5_000,
): [number, number] {
  const resample = (xs: readonly number[]) => xs.map(() => xs[Math.floor(random() * xs.length)]);
  const shifts: number[] = [];
  for (let s = 0; s < samples; s++) shifts.push(hodgesLehmannShift(resample(a), resample(b)));
  shifts.sort((x, y) => x - y);
  const at = (q: number) =>
    shifts[Math.min(shifts.length - 1, Math.max(0, Math.round(q * (shifts.length - 1))))];
  return [at((1 - level) / 2), at(1 - (1 - level) / 2)];
}
