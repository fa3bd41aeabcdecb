import { addressProblem } from './target-address.js';

describe('addressProblem', () => {
  it('always refuses link-local and cloud metadata addresses', () => {
    for (const ip of ['169.254.169.254', '169.254.0.1', 'fe80::1', 'fd00:ec2::254', '::ffff:169.254.169.254'])
      for (const allow of [false, true]) expect(addressProblem(ip, allow)).toBe('LINK_LOCAL');
  });

  it('refuses loopback and private ranges unless allowed', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.5', '192.168.1.1', '::1', 'fd12::1', '0.0.0.0']) {
      expect(addressProblem(ip, false)).toBe('PRIVATE');
      expect(addressProblem(ip, true)).toBeNull();
    }
  });

  it('sees through IPv4-mapped IPv6 in both notations', () => {
    expect(addressProblem('::ffff:127.0.0.1', false)).toBe('PRIVATE');
    expect(addressProblem('::ffff:7f00:1', false)).toBe('PRIVATE');
    expect(addressProblem('::ffff:a9fe:a9fe', true)).toBe('LINK_LOCAL');
  });

  it('accepts public addresses', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1'])
      expect(addressProblem(ip, false)).toBeNull();
  });
});
