import { CommittedEvent } from '#realtime';

/** A run's deadline passed (CHECKPOINT_MISSED or OVERDUE): `patrol_timeout` to site staff and the guard. */
export class PatrolTimedOutEvent extends CommittedEvent {
  constructor(
    readonly patrolRunId: string,
    readonly reason: 'CHECKPOINT_MISSED' | 'OVERDUE',
  ) {
    super();
  }
}
