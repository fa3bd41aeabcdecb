import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import {
  MessageAcknowledgedEvent,
  MessageCreatedEvent,
  MessageDeletedEvent,
  MessageEditedEvent,
  MessagesReadEvent,
  OrderUnacknowledgedEvent,
} from '../events/message-events.js';

/** Sends stored messaging envelopes to their stream rooms after commit. */
@EventsHandler(
  MessageCreatedEvent,
  MessageEditedEvent,
  MessageDeletedEvent,
  MessagesReadEvent,
  MessageAcknowledgedEvent,
  OrderUnacknowledgedEvent,
)
export class BroadcastWhenMessageChanged extends BroadcastCommitted {}
