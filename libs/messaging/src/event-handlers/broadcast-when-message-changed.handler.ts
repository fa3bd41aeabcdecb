import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import {
  MessageAcknowledgedEvent,
  MessageCreatedEvent,
  MessageDeletedEvent,
  MessageEditedEvent,
  MessagesReadEvent,
  type MessagingEvent,
} from '../events/message-events.js';

/** Sends stored messaging envelopes to their stream rooms after commit. */
@EventsHandler(
  MessageCreatedEvent,
  MessageEditedEvent,
  MessageDeletedEvent,
  MessagesReadEvent,
  MessageAcknowledgedEvent,
)
export class BroadcastWhenMessageChanged implements IEventHandler<MessagingEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle(event: MessagingEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
