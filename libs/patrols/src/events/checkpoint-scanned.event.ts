import { CommittedEvent } from '#realtime';

/** A scan was stored (any result); carries the stored envelopes to broadcast. */
export class CheckpointScannedEvent extends CommittedEvent {
  constructor(readonly patrolRunId: string) {
    super();
  }
}
