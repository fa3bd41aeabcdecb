import { EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppConfig, rootLogger } from '#core';
import { PanicRaisedEvent, recordBackupNotified, type PanicView } from '#panic';
import { CommandRunner, Publisher, Rooms, SystemEventsCommittedEvent } from '#realtime';
import { backupCandidates } from '../domain/backup.js';
import { LivePositionsQuery } from '../queries/live-positions.query.js';

/**
 * Panic backup (docs/protocol.md section 11): the other guards on shift at the site within
 * PANIC_BACKUP_RADIUS_M of the panic get `backup_requested { panic, distanceM }` on their own
 * stream, nearest first, and the panic records whom it asked (`backupNotified`).
 */
@EventsHandler(PanicRaisedEvent)
export class RequestBackupWhenPanicRaised implements IEventHandler<PanicRaisedEvent> {
  private readonly log = rootLogger().child({ context: 'panic-backup' });

  constructor(
    private readonly config: AppConfig,
    private readonly live: LivePositionsQuery,
    private readonly runner: CommandRunner,
    private readonly publisher: Publisher,
    private readonly events: EventBus,
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
      const outcome = await this.runner.runSystem(async (uow) => {
        const view = await recordBackupNotified(
          uow.tx,
          panic.id,
          nearby.map((n) => n.userId),
        );
        if (!view) return;
        for (const n of nearby)
          uow.append({
            type: 'backup_requested',
            siteId: panic.siteId,
            streams: [Rooms.user(n.userId)],
            data: { panic: view, distanceM: n.distanceM },
          });
      });
      this.publisher.publish(outcome.envelopes);
      if (outcome.envelopes.length) this.events.publish(new SystemEventsCommittedEvent(outcome.envelopes));
    } catch (err) {
      this.log.error({ err, panicId: event.panicId }, 'asking nearby guards for backup failed');
    }
  }
}
