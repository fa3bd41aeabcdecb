import { AppError, ErrorCode } from '#core';

export const MAX_PAYLOAD_BYTES = 32 * 1024;
const MAX_DEPTH = 8;
const MAX_NODES = 2000;
const MAX_STRING = 16 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A NUL, or a UTF-16 surrogate that is not part of a pair: PostgreSQL refuses both in text.
// eslint-disable-next-line no-control-regex -- detecting NUL is the point
const BAD_CHARS = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The longest a JSON number gets (-1.2345678901234567e+300): numbers are counted at that. */
const MAX_NUMBER_CHARS = 24;
const tooLarge = () =>
  new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Payload larger than ${MAX_PAYLOAD_BYTES / 1024} KiB`);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const invalid = (field: string, rule: string, message: string) =>
  AppError.validation([{ field, constraints: { [rule]: message } }]);

/**
 * Checks a raw command payload before anything recursive (class-transformer, JSON.stringify,
 * Socket.IO's emit) touches it: an object, at most 32 KiB when serialised (counted as the JSON text would be, numbers at their longest; string escapes aside), bounded depth and size,
 * no NUL or lone surrogates, no prototype keys. Iterative, so hostile nesting cannot overflow the stack.
 * Runs on every command: only objects and arrays take a place on the stack, and a path is built
 * only for an error or a nested value (a flat payload allocates nothing but its key list).
 */
export function checkPayload(payload: unknown): AppError | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return invalid('payload', 'isObject', 'payload must be a JSON object');
  let bytes = 2;
  let nodes = 1;
  const stack: { value: object; depth: number; path: string }[] = [{ value: payload, depth: 1, path: '' }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_DEPTH)
      return invalid(path || 'payload', 'maxDepth', `payload nests deeper than ${MAX_DEPTH} levels`);
    bytes += 2;
    if (bytes > MAX_PAYLOAD_BYTES) return tooLarge();
    const list = Array.isArray(value) ? (value as unknown[]) : null;
    const keys = list ? null : Object.keys(value);
    const count = list ? list.length : keys!.length;
    for (let i = 0; i < count; i++) {
      const key = keys ? keys[i] : String(i);
      if (list && i > 0) bytes += 1; // the comma (an object key's +4 below counts quotes, colon, comma)
      if (keys) {
        if (FORBIDDEN_KEYS.has(key))
          return invalid(join(path, key), 'forbiddenKey', 'this key is not allowed');
        if (BAD_CHARS.test(key))
          return invalid('payload', 'isWellFormed', 'a key contains NUL or invalid UTF-16');
        bytes += Buffer.byteLength(key) + 4;
      }
      const child = list ? list[i] : (value as Record<string, unknown>)[key];
      if (++nodes > MAX_NODES)
        return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'Payload has too many values');
      if (typeof child === 'string') {
        bytes += Buffer.byteLength(child) + 2;
        if (child.length > MAX_STRING)
          return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'A string in the payload is too long');
        if (BAD_CHARS.test(child))
          return invalid(join(path, key), 'isWellFormed', 'text contains NUL or invalid UTF-16');
      } else if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: depth + 1, path: join(path, key) });
      } else {
        bytes += typeof child === 'number' ? MAX_NUMBER_CHARS : 5; // true, false, null
      }
      if (bytes > MAX_PAYLOAD_BYTES) return tooLarge();
    }
  }
  return null;
}
