import type { Actor, DurableEventName, DurableEvents } from '#contract';

export type { Ack, Actor, Envelope } from '#contract';

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', name: 'PatrolShield' };

/**
 * What a command handler appends; the event store turns it into one envelope per stream. `type`
 * is a durable event of the contract and `data` must be that event's data, so neither a misspelt
 * name nor a payload of another event compiles.
 */
export interface NewEvent<K extends DurableEventName = DurableEventName> {
  type: K;
  siteId: string | null;
  streams: string[];
  data: DurableEvents[K];
  /** Device time when the action happened (offline queues), else now. */
  occurredAt?: Date;
}
