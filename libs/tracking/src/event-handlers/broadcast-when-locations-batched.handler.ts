import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher, Rooms } from '#realtime';
import { LocationsBatchedEvent } from '../events/locations-batched.event.js';
import type { HistoryRow } from '../persistence/location-history.repository.js';

const toWire = (r: HistoryRow) => ({
  userId: r.guardId,
  lat: r.lat,
  lng: r.lng,
  accuracy: r.accuracy,
  heading: r.heading,
  speed: r.speed,
  batteryLevel: r.batteryLevel,
  recordedAt: new Date(r.recordedAt).toISOString(),
});

/** `location_batch` (ephemeral) to the site staff: the latest fix per guard of the window. */
@EventsHandler(LocationsBatchedEvent)
export class BroadcastWhenLocationsBatched implements IEventHandler<LocationsBatchedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle({ siteId, windowStart, windowEnd, latest }: LocationsBatchedEvent): void {
    this.publisher.emitTo(Rooms.siteStaff(siteId), 'location_batch', {
      siteId,
      windowStart: windowStart.toISOString(),
      windowEnd: windowEnd.toISOString(),
      locations: [...latest.values()].map(toWire),
    });
  }
}
