import type { ErrorCode } from '#contract';

/** The error codes of the contract (docs/protocol.md section 3), shared by acks and REST error bodies. */
export { ErrorCode } from '#contract';

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_EVENT: 404,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
