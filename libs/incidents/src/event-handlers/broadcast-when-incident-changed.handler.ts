import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import {
  IncidentAssignedEvent,
  IncidentCreatedEvent,
  IncidentResolvedEvent,
  IncidentUpdatedEvent,
  type IncidentChangedEvent,
} from '../events/incident-events.js';

/** Sends stored incident envelopes to their stream rooms after commit. */
@EventsHandler(IncidentCreatedEvent, IncidentAssignedEvent, IncidentUpdatedEvent, IncidentResolvedEvent)
export class BroadcastWhenIncidentChanged implements IEventHandler<IncidentChangedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle(event: IncidentChangedEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
