import type { Envelope } from '#realtime';

/** A scan was stored (any result); carries the stored envelopes to broadcast. */
export class CheckpointScannedEvent {
  constructor(
    readonly patrolRunId: string,
    readonly envelopes: Envelope[],
  ) {}
}
