import { CommittedEvent } from '#realtime';

/** A patrol run started; carries the stored envelopes to broadcast. */
export class PatrolStartedEvent extends CommittedEvent {
  constructor(readonly patrolRunId: string) {
    super();
  }
}
