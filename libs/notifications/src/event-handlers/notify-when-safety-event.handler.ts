import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ShiftMissedEvent } from '#attendance';
import { rootLogger } from '#core';
import { PanicAcknowledgedEvent, PanicEscalatedEvent, PanicRaisedEvent, PanicResolvedEvent } from '#panic';
import { BackupRequestedEvent, GuardStaleEvent, SiteUnwatchedEvent } from '#tracking';
import { NotificationPlanner } from '../deliveries/notification-planner.service.js';

type SafetyEvent =
  | PanicRaisedEvent
  | PanicAcknowledgedEvent
  | PanicResolvedEvent
  | PanicEscalatedEvent
  | SiteUnwatchedEvent
  | GuardStaleEvent
  | ShiftMissedEvent
  | BackupRequestedEvent;

/**
 * Hears the same CQRS events the broadcast handlers do (the NOTIFIABLE_EVENTS: panic commands and
 * escalations, unwatched sites, stale guards, missed shifts, backup requests) and stores the
 * deliveries they call for.
 */
@EventsHandler(
  PanicRaisedEvent,
  PanicAcknowledgedEvent,
  PanicResolvedEvent,
  PanicEscalatedEvent,
  SiteUnwatchedEvent,
  GuardStaleEvent,
  ShiftMissedEvent,
  BackupRequestedEvent,
)
export class NotifyWhenSafetyEvent implements IEventHandler<SafetyEvent> {
  private readonly log = rootLogger().child({ context: 'notifications' });

  constructor(private readonly planner: NotificationPlanner) {}

  async handle(event: SafetyEvent): Promise<void> {
    try {
      await this.planner.plan(event.envelopes);
    } catch (err) {
      this.log.error({ err, events: event.envelopes.map((e) => e.id) }, 'planning notifications failed');
    }
  }
}
