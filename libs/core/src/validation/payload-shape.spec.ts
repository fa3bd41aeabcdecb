import { checkPayload, REST_PAYLOAD_LIMITS } from './payload-shape.js';

const code = (p: unknown) => checkPayload(p)?.code ?? null;

describe('checkPayload', () => {
  it('accepts an ordinary command payload', () => {
    expect(code({ location: { lat: 1, lng: 2 }, message: 'help', tags: ['a', 'b'] })).toBeNull();
  });
  it('refuses non-objects', () => {
    for (const p of [undefined, null, 'x', 42, [1, 2], true]) expect(code(p)).toBe('VALIDATION_FAILED');
  });
  it('refuses payloads over 32 KiB', () => {
    expect(code({ note: 'x'.repeat(10_000), more: 'y'.repeat(10_000), again: 'z'.repeat(13_000) })).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });
  it('counts the brackets of empty objects and arrays towards the 32 KiB', () => {
    // 32,000 bytes of text and keys, and about 1 KiB of empty arrays: over only with the brackets
    const payload = {
      a: 'x'.repeat(16_000),
      b: 'y'.repeat(16_000),
      c: Array.from({ length: 500 }, () => []),
    };
    expect(code(payload)).toBe('PAYLOAD_TOO_LARGE');
    expect(code({ ...payload, c: Array.from({ length: 100 }, () => []) })).toBeNull();
  });
  it('counts array commas and numbers at their longest', () => {
    // 1,900 numbers that serialise to 23 characters each: about 45 KB of JSON
    expect(code({ values: Array.from({ length: 1900 }, () => 1.2345678901234567e300) })).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(code({ values: Array.from({ length: 1000 }, () => 1) })).toBeNull();
  });
  it('refuses deep nesting without overflowing the stack', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = deep.a = {} as Record<string, unknown>;
    expect(code(root)).toBe('VALIDATION_FAILED');
  });
  it('refuses NUL characters and lone surrogates, accepts real pairs', () => {
    expect(code({ message: 'a\u0000b' })).toBe('VALIDATION_FAILED');
    expect(code({ message: 'a\uD800b' })).toBe('VALIDATION_FAILED');
    expect(code({ message: 'a\uDC00' })).toBe('VALIDATION_FAILED');
    expect(code({ message: 'ok \uD83D\uDE00' })).toBeNull();
  });
  it('refuses prototype keys', () => {
    expect(code(JSON.parse('{"__proto__": {"admin": true}}'))).toBe('VALIDATION_FAILED');
    expect(checkPayload({ a: { constructor: 1 } })?.details).toEqual([
      { field: 'a.constructor', constraints: { forbiddenKey: 'this key is not allowed' } },
    ]);
  });
});

describe('checkPayload with REST limits', () => {
  const rest = (p: unknown) => checkPayload(p, REST_PAYLOAD_LIMITS)?.code ?? null;
  it('leaves size to the body parser but keeps the depth, character and key rules', () => {
    expect(rest({ points: Array.from({ length: 5000 }, (_, i) => [i, i]) })).toBeNull();
    expect(rest({ a: [[[[[[[['x']]]]]]]] })).toBe('VALIDATION_FAILED');
    expect(rest({ q: 'a\u0000b' })).toBe('VALIDATION_FAILED');
    expect(rest(JSON.parse('{"constructor": 1}'))).toBe('VALIDATION_FAILED');
  });
  it('allows eight levels and refuses the ninth', () => {
    expect(checkPayload({ a: [[[[[[['x']]]]]]] }, REST_PAYLOAD_LIMITS)).toBeNull();
    expect(checkPayload({ a: [[[[[[[['x']]]]]]]] }, REST_PAYLOAD_LIMITS)?.details).toEqual([
      expect.objectContaining({ constraints: { maxDepth: 'payload nests deeper than 8 levels' } }),
    ]);
  });
});
