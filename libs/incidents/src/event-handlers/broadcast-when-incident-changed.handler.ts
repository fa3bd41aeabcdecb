import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import {
  IncidentAssignedEvent,
  IncidentCreatedEvent,
  IncidentResolvedEvent,
  IncidentUpdatedEvent,
} from '../events/incident-events.js';

/** Sends stored incident envelopes to their stream rooms after commit. */
@EventsHandler(IncidentCreatedEvent, IncidentAssignedEvent, IncidentUpdatedEvent, IncidentResolvedEvent)
export class BroadcastWhenIncidentChanged extends BroadcastCommitted {}
