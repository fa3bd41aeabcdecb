import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher, Rooms } from '#realtime';
import { conversationStreams, TypingChangedEvent } from '../events/message-events.js';

/** `typing { conversationId, userId, typing }` to the conversation's other members (ephemeral). */
@EventsHandler(TypingChangedEvent)
export class BroadcastWhenTypingChanged implements IEventHandler<TypingChangedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle({ conversation, userId, typing }: TypingChangedEvent): void {
    this.publisher.emitToExcept(conversationStreams(conversation), Rooms.user(userId), 'typing', {
      conversationId: conversation.id,
      userId,
      typing,
    });
  }
}
