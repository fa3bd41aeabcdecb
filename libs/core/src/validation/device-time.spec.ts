import { deviceTimeProblem } from './device-time.js';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('deviceTimeProblem', () => {
  it('accepts recent times with a zone', () => {
    expect(deviceTimeProblem('2026-11-22T11:59:00Z', now)).toBeNull();
    expect(deviceTimeProblem('2026-11-22T13:00:30+01:00', now)).toBeNull();
    expect(deviceTimeProblem('2026-11-21T12:30:00.123Z', now)).toBeNull();
  });
  it('refuses the future beyond 2 minutes, the past beyond 24 hours, and junk', () => {
    expect(deviceTimeProblem('2026-11-22T12:03:00Z', now)).toMatch(/future/);
    expect(deviceTimeProblem('2026-11-21T11:59:00Z', now)).toMatch(/older/);
    expect(deviceTimeProblem('2026-11-22 12:00', now)).toMatch(/ISO/);
    expect(deviceTimeProblem('2026-11-22T12:00:00', now)).toMatch(/ISO/);
    expect(deviceTimeProblem(1234, now)).toMatch(/ISO/);
  });
});
