import type { DurableEventName, DurableEvents } from '#contract';
import type { UnitOfWork } from '#realtime';
import type { ConversationRef } from '../domain/conversation.js';
import { conversationStreams, type MessagingEvent } from '../events/message-events.js';

/**
 * Appends a durable messaging event to the conversation's streams (docs/protocol.md section 9) and
 * raises `raised` for it (published after commit; its handler broadcasts).
 */
export function appendMessageEvent<K extends DurableEventName>(
  uow: UnitOfWork,
  raised: MessagingEvent,
  type: K,
  conversation: ConversationRef,
  data: DurableEvents[K],
  occurredAt?: Date,
): void {
  const appended = uow.append({
    type,
    siteId: conversation.siteId,
    streams: conversationStreams(conversation),
    data,
    ...(occurredAt && { occurredAt }),
  });
  uow.raise(raised, appended);
}
