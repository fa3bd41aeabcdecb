import type { PsSocket } from '../session/socket-session.js';
import { revokes } from './apply-session-control.js';
import type { SessionControl } from './control-ledger.js';

const socket = (tokenEpoch: number, connectedAt: number) =>
  ({ data: { tokenEpoch, connectedAt } }) as PsSocket;
const control = (data: Record<string, unknown>, createdAt = 1_000_000): SessionControl =>
  ({ id: 1, kind: 'revoke', userId: 'u1', data, createdAt }) as unknown as SessionControl;

describe('which sockets a revocation cuts', () => {
  it('with a token epoch: exactly the sockets of tokens issued before it, whenever they connected', () => {
    const c = control({ reason: 'PASSWORD_CHANGED', tokenEpoch: 3 });
    expect(revokes(socket(2, 0), c)).toBe(true);
    // the fresh tokens of POST /me/password: a socket opened with them survives a late control
    expect(revokes(socket(3, 999_999), c)).toBe(false);
    expect(revokes(socket(3, 2_000_000), c)).toBe(false);
  });
  it('without one: the sockets connected before it was recorded, with a 5 s slack for clocks', () => {
    const c = control({ reason: 'USER_DEACTIVATED' });
    expect(revokes(socket(0, 1_004_999), c)).toBe(true);
    expect(revokes(socket(0, 1_006_000), c)).toBe(false);
  });
});
