import { MAX_ATTEMPTS, retryDelayMs } from './retry-policy.js';

describe('retryDelayMs', () => {
  it('retries the first failure within 10 s, then backs off exponentially', () => {
    expect(retryDelayMs(1)).toBeLessThanOrEqual(10_000);
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1)!);
    expect(retryDelayMs(3)).toBe(2 * retryDelayMs(2)!);
  });

  it('keeps retrying for at least an hour, then gives up', () => {
    let total = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) total += retryDelayMs(a)!;
    expect(total).toBeGreaterThanOrEqual(3_600_000);
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
  });
});
