import { CommittedEvent } from '#realtime';

/** Guards near a panic were asked for backup: `backup_requested` on each one's own stream. */
export class BackupRequestedEvent extends CommittedEvent {
  constructor(
    readonly panicId: string,
    readonly guardIds: readonly string[],
  ) {
    super();
  }
}
