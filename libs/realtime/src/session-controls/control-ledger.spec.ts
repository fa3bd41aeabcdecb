import { ControlLedger, type SessionControl } from './control-ledger.js';

const control = (
  id: string,
  kind: SessionControl['kind'],
  userId = 'u1',
  createdAt = 1000,
): SessionControl => ({
  id,
  kind,
  userId,
  data: {},
  createdAt,
});

describe('ControlLedger', () => {
  it('admits each control once, whichever path brings it again', () => {
    const ledger = new ControlLedger();
    expect(ledger.admit(control('7', 'revoke'))).toBe(true);
    expect(ledger.admit(control('7', 'revoke'))).toBe(false);
    expect(ledger.admit(control('local:x', 'revoke'))).toBe(true);
    expect(ledger.admit(control('local:x', 'revoke'))).toBe(false);
  });

  it('never applies a membership change after a later one of the same user', () => {
    const ledger = new ControlLedger();
    expect(ledger.admit(control('9', 'membership'))).toBe(true);
    expect(ledger.admit(control('8', 'membership'))).toBe(false);
    expect(ledger.admit(control('7', 'membership', 'u2'))).toBe(true);
    expect(ledger.admit(control('10', 'membership'))).toBe(true);
  });

  it('forgets controls older than the window it reads', () => {
    const ledger = new ControlLedger();
    ledger.admit(control('1', 'site_created', 'u1', 100));
    ledger.admit(control('2', 'site_created', 'u1', 300));
    ledger.prune(200);
    expect(ledger.admit(control('1', 'site_created', 'u1', 100))).toBe(true);
    expect(ledger.admit(control('2', 'site_created', 'u1', 300))).toBe(false);
  });
});
