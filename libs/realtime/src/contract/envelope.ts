import type { Role } from '#core';

export interface Actor {
  userId: string | null;
  role: Role | 'system';
  name: string;
}
export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', name: 'PatrolShield' };

/** A durable event as every client receives it (docs/protocol.md section 4). */
export interface Envelope<T = unknown> {
  id: string;
  type: string;
  stream: string;
  seq: number;
  siteId: string | null;
  occurredAt: string;
  actor: Actor;
  data: T;
}

/** What a command handler appends; the event store turns it into one envelope per stream. */
export interface NewEvent<T = unknown> {
  type: string;
  siteId: string | null;
  streams: string[];
  data: T;
  /** Device time when the action happened (offline queues), else now. */
  occurredAt?: Date;
}

export type Ack<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: unknown; retryable: boolean } };
