import {
  FAST_INTERVAL_MS,
  MIN_INTERVAL_MS,
  NORMAL_INTERVAL_MS,
  STILL_INTERVAL_MS,
  nextIntervalMs as hint,
} from './interval-hint.js';
import type { Fix } from './location-filter.js';

const fix = (dtS: number, dLatM: number, speed: number | null = null): Fix => ({
  lat: 52.52 + dLatM / 111_195,
  lng: 13.405,
  accuracy: 5,
  heading: null,
  speed,
  batteryLevel: null,
  recordedAt: dtS * 1000,
  receivedAt: dtS * 1000,
});

/** The default grace period (GUARD_STALE_AFTER_S = 120): long enough never to cap a hint. */
const nextIntervalMs = (recent: Fix[]) => hint(recent, 120_000);

describe('nextIntervalMs hint', () => {
  it('is normal with too few fixes or while walking', () => {
    expect(nextIntervalMs([])).toBe(NORMAL_INTERVAL_MS);
    expect(nextIntervalMs([fix(0, 0), fix(5, 1)])).toBe(NORMAL_INTERVAL_MS);
    expect(nextIntervalMs([fix(0, 0), fix(5, 7), fix(10, 14)])).toBe(NORMAL_INTERVAL_MS);
  });
  it('is longer while standing still (< 10 m over the recent fixes)', () => {
    expect(nextIntervalMs([fix(0, 0), fix(5, 3), fix(10, 1), fix(15, 4)])).toBe(STILL_INTERVAL_MS);
    expect(nextIntervalMs([fix(0, 0), fix(5, 3), fix(10, 12)])).toBe(NORMAL_INTERVAL_MS);
  });
  it('is shorter while moving fast, by reported or implied speed', () => {
    expect(nextIntervalMs([fix(0, 0, 15)])).toBe(FAST_INTERVAL_MS);
    expect(nextIntervalMs([fix(0, 0), fix(5, 100)])).toBe(FAST_INTERVAL_MS);
  });
  it('never exceeds a third of a short stale grace period, nor goes below 1 s', () => {
    const still = [fix(0, 0), fix(5, 3), fix(10, 1), fix(15, 4)];
    expect(hint(still, 30_000)).toBe(10_000);
    expect(hint(still, 9_000)).toBe(3_000);
    expect(hint([fix(0, 0), fix(5, 7)], 9_000)).toBe(3_000);
    expect(hint([fix(0, 0, 15)], 9_000)).toBe(FAST_INTERVAL_MS);
    expect(hint(still, 1_000)).toBe(MIN_INTERVAL_MS);
  });
});
