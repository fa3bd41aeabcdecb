import { clientAddress, compileTrust } from './client-address.js';

describe('clientAddress', () => {
  const xff = { 'x-forwarded-for': '203.0.113.7, 10.0.0.5' };
  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(clientAddress('198.51.100.1', xff, compileTrust('loopback'))).toBe('198.51.100.1');
  });
  it('walks back through trusted proxies to the client', () => {
    expect(clientAddress('10.0.0.2', xff, compileTrust('uniquelocal'))).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, compileTrust('loopback'))).toBe(
      '203.0.113.9',
    );
  });
  it('trusts nobody with false', () => {
    expect(clientAddress('127.0.0.1', xff, compileTrust('false'))).toBe('127.0.0.1');
  });
  it('refuses a malformed setting', () => {
    expect(() => compileTrust('not-an-address')).toThrow();
  });
});
