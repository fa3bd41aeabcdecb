import { createECDH, randomBytes } from 'node:crypto';
import { pushSubscriptionProblem } from './push-subscription.js';

const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const good = {
  endpoint: 'https://push.example.com/send/abc',
  expirationTime: null,
  keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
};

describe('pushSubscriptionProblem', () => {
  it('accepts what a browser gives', () => {
    expect(pushSubscriptionProblem(good)).toBeNull();
  });

  it.each([
    [null, 'object'],
    [{ ...good, endpoint: 'javascript:alert(1)' }, 'endpoint'],
    [{ ...good, keys: undefined }, 'keys'],
    [{ ...good, keys: { ...good.keys, p256dh: 'short' } }, 'p256dh'],
    [{ ...good, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } }, 'auth'],
    [{ ...good, extra: 1 }, 'extra'],
  ])('refuses %j naming %s', (value, named) => {
    expect(pushSubscriptionProblem(value)).toContain(named);
  });
});
