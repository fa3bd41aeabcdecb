import { CommandBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppConfig, rootLogger } from '#core';
import { PanicRaisedEvent, type PanicView } from '#panic';
import { RequestBackupCommand } from '../commands/request-backup/request-backup.command.js';
import { backupCandidates } from '../domain/backup.js';
import { LivePositionsQuery } from '../queries/live-positions.query.js';

/**
 * Panic backup (docs/protocol.md section 11): the other guards on shift at the site within
 * PANIC_BACKUP_RADIUS_M of the panic are asked for backup (RequestBackupCommand), nearest first.
 */
@EventsHandler(PanicRaisedEvent)
export class RequestBackupWhenPanicRaised implements IEventHandler<PanicRaisedEvent> {
  private readonly log = rootLogger().child({ context: 'panic-backup' });

  constructor(
    private readonly config: AppConfig,
    private readonly live: LivePositionsQuery,
    private readonly commands: CommandBus,
  ) {}

  async handle(event: PanicRaisedEvent): Promise<void> {
    try {
      const alert = event.envelopes.find((e) => e.type === 'panic_alert');
      const panic = (alert?.data as { panic?: PanicView } | undefined)?.panic;
      if (!panic) return;
      const guards = await this.live.guardsOnShift(panic.siteId);
      const nearby = backupCandidates(
        panic.location,
        guards,
        this.config.PANIC_BACKUP_RADIUS_M,
        event.guardId,
      );
      if (!nearby.length) return;
      await this.commands.execute(new RequestBackupCommand(panic.id, panic.siteId, nearby));
    } catch (err) {
      this.log.error({ err, panicId: event.panicId }, 'asking nearby guards for backup failed');
    }
  }
}
