import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';

/** How far a payload may nest: the same rule for socket commands and REST bodies, queries and paths. */
export const MAX_PAYLOAD_DEPTH = 8;

export interface PayloadLimits {
  /** Bytes when serialised (counted as the JSON text would be, numbers at their longest). */
  maxBytes: number;
  /** Values (objects, arrays, scalars) in the whole payload. */
  maxNodes: number;
  /** UTF-16 units of one string. */
  maxString: number;
}

/** Socket commands: docs/protocol.md section 3 (32 KiB serialised). */
export const SOCKET_PAYLOAD_LIMITS: PayloadLimits = {
  maxBytes: 32 * 1024,
  maxNodes: 2000,
  maxString: 16 * 1024,
};
/** REST: the body parser already bounds the size (256 kB); only the shape is checked here. */
export const REST_PAYLOAD_LIMITS: PayloadLimits = {
  maxBytes: Infinity,
  maxNodes: Infinity,
  maxString: Infinity,
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A NUL, or a UTF-16 surrogate that is not part of a pair: PostgreSQL refuses both in text.
// eslint-disable-next-line no-control-regex -- detecting NUL is the point
const BAD_CHARS = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The longest a JSON number gets (-1.2345678901234567e+300): numbers are counted at that. */
const MAX_NUMBER_CHARS = 24;
const tooLarge = (limits: PayloadLimits) =>
  new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Payload larger than ${limits.maxBytes / 1024} KiB`);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const invalid = (field: string, rule: string, message: string) =>
  AppError.validation([{ field, constraints: { [rule]: message } }]);

/**
 * Checks a raw payload before anything recursive (class-transformer, JSON.stringify, Socket.IO's
 * emit) touches it: an object, within the size limits, at most MAX_PAYLOAD_DEPTH levels deep, no
 * NUL or lone surrogates in keys or strings, no prototype keys. Iterative, so hostile nesting cannot
 * overflow the stack. Runs on every socket command: only objects and arrays take a place on the
 * stack, and a path is built only for an error or a nested value (a flat payload allocates nothing
 * but its key list).
 */
export function checkPayload(
  payload: unknown,
  limits: PayloadLimits = SOCKET_PAYLOAD_LIMITS,
): AppError | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return invalid('payload', 'isObject', 'payload must be a JSON object');
  let bytes = 2;
  let nodes = 1;
  const stack: { value: object; depth: number; path: string }[] = [{ value: payload, depth: 1, path: '' }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_PAYLOAD_DEPTH)
      return invalid(path || 'payload', 'maxDepth', `payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    bytes += 2;
    if (bytes > limits.maxBytes) return tooLarge(limits);
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
      if (++nodes > limits.maxNodes)
        return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'Payload has too many values');
      if (typeof child === 'string') {
        bytes += Buffer.byteLength(child) + 2;
        if (child.length > limits.maxString)
          return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'A string in the payload is too long');
        if (BAD_CHARS.test(child))
          return invalid(join(path, key), 'isWellFormed', 'text contains NUL or invalid UTF-16');
      } else if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: depth + 1, path: join(path, key) });
      } else {
        bytes += typeof child === 'number' ? MAX_NUMBER_CHARS : 5; // true, false, null
      }
      if (bytes > limits.maxBytes) return tooLarge(limits);
    }
  }
  return null;
}
