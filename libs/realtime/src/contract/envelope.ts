import type { Actor, DurableEventName } from '#contract';

export type { Ack, Actor, Envelope } from '#contract';

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', name: 'PatrolShield' };

/**
 * What a command handler appends; the event store turns it into one envelope per stream. `type`
 * is a durable event of the contract, so a misspelt name does not compile.
 */
export interface NewEvent<T = unknown> {
  type: DurableEventName;
  siteId: string | null;
  streams: string[];
  data: T;
  /** Device time when the action happened (offline queues), else now. */
  occurredAt?: Date;
}
