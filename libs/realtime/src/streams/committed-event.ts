import type { Envelope } from '../contract/envelope.js';

/**
 * A CQRS event about durable events a unit of work appended. The work raises it (`uow.raise`), the
 * CommandRunner publishes it on the EventBus once the transaction has committed, with the stored
 * envelopes of the events it was raised for. Work that fails, rolls back to a savepoint, or is a
 * retry answered from the idempotency record publishes nothing: the one rule, kept in one place.
 */
export abstract class CommittedEvent {
  /** The stored envelopes (one per stream) of the appended events; set at commit. */
  envelopes: Envelope[] = [];
}
