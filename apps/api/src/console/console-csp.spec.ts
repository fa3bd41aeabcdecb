import { consoleCsp, tileSource } from './console-csp.js';

describe('console CSP', () => {
  it('allows the tile host, with {s} subdomains as a wildcard', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
      'https://tile.openstreetmap.org',
    );
    expect(tileSource('https://{s}.tiles.example.com:8443/a/{z}/{x}/{y}.png')).toBe(
      'https://*.tiles.example.com:8443',
    );
    expect(tileSource('none')).toBeNull();
  });

  it('allows only self, the socket back to the same host and the tile host', () => {
    const csp = consoleCsp('https://tile.openstreetmap.org/{z}/{x}/{y}.png', '127.0.0.1:3000');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org;");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:3000 wss://127.0.0.1:3000;");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('names no tile host without tiles, and no socket origin for a malformed Host header', () => {
    const csp = consoleCsp('none', 'evil.example; script-src *');
    expect(csp).toContain("img-src 'self' data:;");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('evil');
  });
});
