import { backoffDelay, retryDelay } from './backoff.js';

const o = { baseMs: 100, maxMs: 1000 };

describe('backoff', () => {
  it('grows exponentially with jitter between half and the full step, capped', () => {
    expect(backoffDelay(0, o, () => 0)).toBe(50);
    expect(backoffDelay(0, o, () => 1)).toBe(100);
    expect(backoffDelay(3, o, () => 0)).toBe(400);
    expect(backoffDelay(3, o, () => 1)).toBe(800);
    expect(backoffDelay(10, o, () => 1)).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(2, o);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });

  it('retries UNAVAILABLE and ack timeouts, never validation or auth errors', () => {
    expect(retryDelay({ code: 'UNAVAILABLE', retryable: true }, 0, o, () => 0)).toBe(50);
    expect(retryDelay('ACK_TIMEOUT', 1, o, () => 0)).toBe(100);
    expect(retryDelay({ code: 'VALIDATION_FAILED', retryable: false }, 0, o)).toBeNull();
    expect(retryDelay({ code: 'FORBIDDEN', retryable: false }, 0, o)).toBeNull();
    expect(retryDelay({ code: 'UNKNOWN_EVENT', retryable: false }, 0, o)).toBeNull();
  });

  it('honours RATE_LIMITED details.retryAfterMs', () => {
    const d = retryDelay(
      { code: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 700 } },
      0,
      o,
      () => 0,
    );
    expect(d).toBe(700);
    const jittered = retryDelay(
      { code: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 700 } },
      0,
      o,
      () => 1,
    );
    expect(jittered).toBe(800);
    expect(retryDelay({ code: 'RATE_LIMITED', retryable: true }, 0, o, () => 0)).toBe(50);
  });
});
