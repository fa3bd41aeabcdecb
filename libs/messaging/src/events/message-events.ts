import { CommittedEvent, Rooms } from '#realtime';
import type { ConversationRef } from '../domain/conversation.js';

/** A message or a read marker changed; `envelopes` are its stored events, ready to broadcast. */
export abstract class MessagingEvent extends CommittedEvent {
  constructor(readonly conversationId: string) {
    super();
  }
}
export class MessageCreatedEvent extends MessagingEvent {}
export class MessageEditedEvent extends MessagingEvent {}
export class MessageDeletedEvent extends MessagingEvent {}
export class MessagesReadEvent extends MessagingEvent {}
export class MessageAcknowledgedEvent extends MessagingEvent {}
/** A dispatch order's deadline passed with guards on shift who have not acknowledged it. */
export class OrderUnacknowledgedEvent extends MessagingEvent {}

/** Ephemeral: a member started or stopped typing (never stored). */
export class TypingChangedEvent {
  constructor(
    readonly conversation: ConversationRef,
    readonly userId: string,
    readonly typing: boolean,
  ) {}
}

/**
 * Where a conversation's events go (docs/protocol.md section 9): a site conversation to the site's
 * staff and guards streams, a direct one to both users' own streams. Also the rooms of its members.
 */
export const conversationStreams = (c: ConversationRef): string[] =>
  c.kind === 'site'
    ? [Rooms.siteStaff(c.siteId!), Rooms.siteGuards(c.siteId!)]
    : c.userIds!.map((id) => Rooms.user(id));
