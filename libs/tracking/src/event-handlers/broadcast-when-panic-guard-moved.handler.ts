import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher, Rooms } from '#realtime';
import { PanicGuardMovedEvent } from '../events/panic-guard-moved.event.js';

/** `location_update` (ephemeral) to the site staff: each fix of a guard in a panic, at once. */
@EventsHandler(PanicGuardMovedEvent)
export class BroadcastWhenPanicGuardMoved implements IEventHandler<PanicGuardMovedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle({ panicId, fix }: PanicGuardMovedEvent): void {
    this.publisher.emitTo(Rooms.siteStaff(fix.siteId), 'location_update', {
      userId: fix.guardId,
      panicId,
      location: {
        lat: fix.lat,
        lng: fix.lng,
        accuracy: fix.accuracy,
        heading: fix.heading,
        speed: fix.speed,
        batteryLevel: fix.batteryLevel,
        recordedAt: new Date(fix.recordedAt).toISOString(),
      },
    });
  }
}
