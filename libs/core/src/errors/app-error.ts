import { ErrorCode } from './error-codes.js';

export interface FieldError {
  field: string;
  constraints: Record<string, string>;
}

/**
 * A failure with a contract code. Thrown anywhere (domain rules, handlers, guards) and turned into
 * an ack or a REST error body by the filters; its message is safe to show to a client.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryable = code === ErrorCode.UNAVAILABLE || code === ErrorCode.RATE_LIMITED,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(details: FieldError[], message = 'Payload failed validation'): AppError {
    return new AppError(ErrorCode.VALIDATION_FAILED, message, details);
  }
  static forbidden(message = 'Not allowed', details?: unknown): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message, details);
  }
  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
  }
  static conflict(message: string, details?: unknown): AppError {
    return new AppError(ErrorCode.CONFLICT, message, details);
  }
  static unauthorized(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHORIZED, message);
  }
  static rateLimited(retryAfterMs: number): AppError {
    return new AppError(
      ErrorCode.RATE_LIMITED,
      'Too many requests',
      { retryAfterMs: Math.ceil(retryAfterMs) },
      true,
    );
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  retryable: boolean;
}
