import { CommittedEvent } from '#realtime';

/** A patrol run was completed; carries the stored envelopes to broadcast. */
export class PatrolCompletedEvent extends CommittedEvent {
  constructor(readonly patrolRunId: string) {
    super();
  }
}
