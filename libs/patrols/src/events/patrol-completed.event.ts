import type { Envelope } from '#realtime';

/** A patrol run was completed; carries the stored envelopes to broadcast. */
export class PatrolCompletedEvent {
  constructor(
    readonly patrolRunId: string,
    readonly envelopes: Envelope[],
  ) {}
}
