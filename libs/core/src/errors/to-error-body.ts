import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { AppError, type ErrorBody, type FieldError } from './app-error.js';
import { ErrorCode } from './error-codes.js';
import { isDependencyDown } from './is-dependency-down.js';

/** Flattens nested class-validator errors into `[{ field: 'location.lat', constraints }]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out.push({ field, constraints: { ...e.constraints } });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The one mapping from any thrown value to the contract's error shape. Unknown errors become
 * INTERNAL with a generic message: no stack or SQL text ever leaves the server.
 */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError)
    return { code: err.code, message: err.message, details: err.details, retryable: err.retryable };
  if (err instanceof PayloadTooLargeException)
    return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Payload too large', retryable: false };
  if (err instanceof BadRequestException) {
    const response = err.getResponse() as { message?: unknown };
    const details =
      Array.isArray(response.message) && response.message[0] instanceof ValidationError
        ? flattenValidationErrors(response.message as ValidationError[])
        : undefined;
    return {
      code: ErrorCode.VALIDATION_FAILED,
      message: 'Payload failed validation',
      details,
      retryable: false,
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code =
      status === 401
        ? ErrorCode.UNAUTHORIZED
        : status === 403
          ? ErrorCode.FORBIDDEN
          : status === 404
            ? ErrorCode.NOT_FOUND
            : status === 409
              ? ErrorCode.CONFLICT
              : status === 413
                ? ErrorCode.PAYLOAD_TOO_LARGE
                : status === 429
                  ? ErrorCode.RATE_LIMITED
                  : status === 503
                    ? ErrorCode.UNAVAILABLE
                    : status < 500
                      ? ErrorCode.VALIDATION_FAILED
                      : ErrorCode.INTERNAL;
    const message = status < 500 ? err.message : 'Internal error';
    return { code, message, retryable: code === ErrorCode.UNAVAILABLE };
  }
  if (isDependencyDown(err))
    return {
      code: ErrorCode.UNAVAILABLE,
      message: 'A dependency is unavailable, retry later',
      retryable: true,
    };
  return { code: ErrorCode.INTERNAL, message: 'Internal error', retryable: false };
}
