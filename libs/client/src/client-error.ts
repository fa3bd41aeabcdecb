import type { AckError, ErrorCode, HandshakeErrorCode } from '#contract';

export type ClientErrorCode =
  ErrorCode | HandshakeErrorCode | 'ACK_TIMEOUT' | 'OFFLINE' | 'CLOSED' | 'REVOKED' | 'QUEUE_FULL';

/** A failed command or connection, with the contract's code (or a client-side one). */
export class ClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'ClientError';
  }

  static fromAck(e: AckError): ClientError {
    return new ClientError(e.code, e.message, e.details, e.retryable);
  }
}
