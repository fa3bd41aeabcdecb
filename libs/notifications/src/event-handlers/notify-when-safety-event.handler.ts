import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { rootLogger } from '#core';
import { PanicAcknowledgedEvent, PanicRaisedEvent, PanicResolvedEvent } from '#panic';
import { SystemEventsCommittedEvent } from '#realtime';
import { NotificationPlanner } from '../deliveries/notification-planner.service.js';

type SafetyEvent =
  PanicRaisedEvent | PanicAcknowledgedEvent | PanicResolvedEvent | SystemEventsCommittedEvent;

/**
 * Hears the same CQRS events the broadcast handlers do (panic commands; timers and watchers:
 * escalations, stale guards, missed shifts, unwatched sites) and stores the deliveries they call for.
 */
@EventsHandler(PanicRaisedEvent, PanicAcknowledgedEvent, PanicResolvedEvent, SystemEventsCommittedEvent)
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
