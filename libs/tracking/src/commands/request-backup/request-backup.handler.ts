import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordBackupNotified } from '#panic';
import { CommandRunner, Rooms } from '#realtime';
import { BackupRequestedEvent } from '../../events/backup-requested.event.js';
import { RequestBackupCommand } from './request-backup.command.js';

/**
 * Records whom the panic asked for backup (`backupNotified`) and appends `backup_requested
 * { panic, distanceM }` to each of those guards' own streams, nearest first.
 */
@CommandHandler(RequestBackupCommand)
export class RequestBackupHandler implements ICommandHandler<RequestBackupCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ panicId, siteId, nearby }: RequestBackupCommand): Promise<void> {
    const guardIds = nearby.map((n) => n.userId);
    await this.runner.runSystem(async (uow) => {
      const view = await recordBackupNotified(uow.tx, panicId, guardIds);
      if (!view) return;
      const appended = nearby.map((n) =>
        uow.append({
          type: 'backup_requested',
          siteId,
          streams: [Rooms.user(n.userId)],
          data: { panic: view, distanceM: n.distanceM },
        }),
      );
      uow.raise(new BackupRequestedEvent(panicId, guardIds), appended);
    });
  }
}
