import {
  escalationOnDeadline,
  escalationOnReceipts,
  nextDeadline,
  type EscalationState,
} from './escalation.js';

const raisedAt = new Date('2026-11-22T12:00:00Z');
const policy = { level2AfterS: 300, level3AfterS: 900 };
const panic = (over: Partial<EscalationState> = {}): EscalationState => ({
  status: 'RAISED',
  escalationLevel: 1,
  raisedAt,
  ...over,
});

describe('panic escalation', () => {
  it('schedules level 2, then level 3, counted from the raise', () => {
    expect(nextDeadline(panic(), policy)).toEqual({ level: 2, dueAt: new Date('2026-11-22T12:05:00Z') });
    expect(nextDeadline(panic({ escalationLevel: 2 }), policy)).toEqual({
      level: 3,
      dueAt: new Date('2026-11-22T12:15:00Z'),
    });
    expect(nextDeadline(panic({ escalationLevel: 3 }), policy)).toBeNull();
  });

  it('stops once acknowledged or resolved', () => {
    expect(nextDeadline(panic({ status: 'ACKNOWLEDGED' }), policy)).toBeNull();
    expect(escalationOnDeadline(panic({ status: 'ACKNOWLEDGED' }), 2)).toBeNull();
    expect(escalationOnDeadline(panic({ status: 'RESOLVED', escalationLevel: 2 }), 3)).toBeNull();
  });

  it('escalates an unacknowledged panic when its deadline fires, to the right audience', () => {
    expect(escalationOnDeadline(panic(), 2)).toEqual({
      level: 2,
      reason: 'NOT_ACKNOWLEDGED',
      audience: 'SITE_MANAGERS_AND_ADMINS',
    });
    expect(escalationOnDeadline(panic({ escalationLevel: 2 }), 3)).toEqual({
      level: 3,
      reason: 'NOT_ACKNOWLEDGED',
      audience: 'ALL_MANAGERS_AND_ADMINS',
    });
  });

  it('never escalates twice to the same level', () => {
    expect(escalationOnDeadline(panic({ escalationLevel: 2 }), 2)).toBeNull();
    expect(escalationOnReceipts(panic({ escalationLevel: 2 }), [])).toBeNull();
  });

  it('escalates to level 2 at once when no staff device confirmed receipt', () => {
    expect(escalationOnReceipts(panic(), [])).toEqual({
      level: 2,
      reason: 'NO_RECEIPT',
      audience: 'SITE_MANAGERS_AND_ADMINS',
    });
    expect(escalationOnReceipts(panic(), ['u1'])).toBeNull();
    expect(escalationOnReceipts(panic({ status: 'ACKNOWLEDGED' }), [])).toBeNull();
  });
});
