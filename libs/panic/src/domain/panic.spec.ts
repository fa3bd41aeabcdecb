import { decideAcknowledge, decideResolve, isActivePanic } from './panic.js';

describe('panic state machine', () => {
  it('acknowledges a raised panic; the first acknowledger wins', () => {
    expect(decideAcknowledge('RAISED')).toEqual({ kind: 'change', status: 'ACKNOWLEDGED' });
    expect(decideAcknowledge('ACKNOWLEDGED')).toEqual({ kind: 'unchanged' });
    expect(decideAcknowledge('RESOLVED').kind).toBe('conflict');
  });
  it('resolves raised or acknowledged panics once', () => {
    expect(decideResolve('RAISED')).toEqual({ kind: 'change', status: 'RESOLVED' });
    expect(decideResolve('ACKNOWLEDGED')).toEqual({ kind: 'change', status: 'RESOLVED' });
    expect(decideResolve('RESOLVED').kind).toBe('conflict');
  });
  it('treats raised and acknowledged panics as active', () => {
    expect(isActivePanic('RAISED')).toBe(true);
    expect(isActivePanic('ACKNOWLEDGED')).toBe(true);
    expect(isActivePanic('RESOLVED')).toBe(false);
  });
});
