import { PollPolicy } from './poll-policy.js';

describe('PollPolicy', () => {
  it('checks one poll in N while the listener stays connected', () => {
    const policy = new PollPolicy(3, 1000);
    const due = [2000, 3000, 4000, 5000, 6000, 7000].map((now) => policy.fullCheckDue(500, false, now));
    expect(due).toEqual([false, false, true, false, false, true]);
  });

  it('checks at every poll after the listener was down or reconnected, or while reads fail', () => {
    const policy = new PollPolicy(10, 1000);
    expect(policy.fullCheckDue(null, false, 2000)).toBe(true);
    expect(policy.fullCheckDue(2500, false, 3000)).toBe(true); // came up since the last poll
    expect(policy.fullCheckDue(2500, false, 4000)).toBe(false);
    expect(policy.fullCheckDue(2500, true, 5000)).toBe(true);
  });
});
