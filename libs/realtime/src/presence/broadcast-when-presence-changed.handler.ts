import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Rooms } from '../contract/rooms.js';
import { Publisher } from '../publisher/publisher.service.js';
import { PresenceChangedEvent } from './presence-changed.event.js';

/** `presence_changed` (ephemeral) to the staff of the user's sites; an admin's to the admins. */
@EventsHandler(PresenceChangedEvent)
export class BroadcastWhenPresenceChanged implements IEventHandler<PresenceChangedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle({ userId, role, siteIds, status, at }: PresenceChangedEvent): void {
    const rooms = role === 'admin' ? [Rooms.role('admin')] : siteIds.map((s) => Rooms.siteStaff(s));
    if (rooms.length) this.publisher.emitTo(rooms, 'presence_changed', { userId, role, status, at });
  }
}
