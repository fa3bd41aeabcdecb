import type { Envelope } from '../contract/envelope.js';

/**
 * Durable events that system work committed and broadcast (timers, watchers, delivery receipts):
 * `panic_escalated`, `shift_missed`, `guard_stale`, `site_unwatched`... Published on the CQRS bus
 * after the broadcast so other features can react to them as to a command's events.
 */
export class SystemEventsCommittedEvent {
  constructor(readonly envelopes: Envelope[]) {}
}
