import { redactPayload } from './audit.service.js';

describe('redactPayload', () => {
  it('removes secrets at any depth, whatever the key case', () => {
    expect(redactPayload({ token: 'abc', nested: { Password: 'p', refreshToken: 'r' }, note: 'ok' })).toEqual(
      {
        token: '[redacted]',
        nested: { Password: '[redacted]', refreshToken: '[redacted]' },
        note: 'ok',
      },
    );
  });
  it('makes text storable in PostgreSQL: NUL and lone surrogates replaced, real pairs kept', () => {
    expect(redactPayload({ ['k\u0000']: 'a\u0000b', s: 'x\uD800y', t: 'ok \uD83D\uDE00' })).toEqual({
      'k\uFFFD': 'a\uFFFDb',
      s: 'x\uFFFDy',
      t: 'ok \uD83D\uDE00',
    });
  });
  it('caps strings without leaving half of a surrogate pair behind', () => {
    const capped = redactPayload(`${'x'.repeat(499)}\uD83D\uDE00`) as string;
    expect(capped).toBe(`${'x'.repeat(499)}\uFFFD…`);
  });
});
