/** The shapes every part of the contract shares: roles, error codes, the ack and the envelope. */

export const ROLES = ['guard', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The error codes of docs/protocol.md section 3, shared by acks and REST error bodies. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Handshake refusals (`connect_error` message and `err.data.code`); UNAVAILABLE: database down. */
export const HANDSHAKE_ERROR_CODES = [
  'AUTH_REQUIRED',
  'AUTH_INVALID',
  'AUTH_EXPIRED',
  'USER_INACTIVE',
  'DEVICE_MISMATCH',
  'UNAVAILABLE',
] as const;
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  retryable: boolean;
}
/** The answer to every command: its data, or an error with a code. */
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: AckError };

export interface Actor {
  userId: string | null;
  role: Role | 'system';
  name: string;
}

/** A durable event as every client receives it (docs/protocol.md section 4). */
export interface Envelope<T = unknown, K extends string = string> {
  id: string;
  type: K;
  stream: string;
  seq: number;
  siteId: string | null;
  occurredAt: string;
  actor: Actor;
  data: T;
}

export const isEnvelope = (v: unknown): v is Envelope =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as Envelope).id === 'string' &&
  typeof (v as Envelope).stream === 'string' &&
  typeof (v as Envelope).seq === 'number';

export interface LatLng {
  lat: number;
  lng: number;
}
export interface GpsFix extends LatLng {
  accuracy?: number;
}
