import type { Envelope } from '#realtime';

/** A patrol run started; carries the stored envelopes to broadcast. */
export class PatrolStartedEvent {
  constructor(
    readonly patrolRunId: string,
    readonly envelopes: Envelope[],
  ) {}
}
