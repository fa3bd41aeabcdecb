import type { DurableEventName } from '#contract';
import type { UnitOfWork } from '#realtime';
import type { ConversationRef } from '../domain/conversation.js';
import { conversationStreams } from '../events/message-events.js';

/** Appends a durable messaging event to the conversation's streams (docs/protocol.md section 9). */
export function appendMessageEvent(
  uow: UnitOfWork,
  type: DurableEventName,
  conversation: ConversationRef,
  data: object,
  occurredAt?: Date,
): void {
  uow.append({
    type,
    siteId: conversation.siteId,
    streams: conversationStreams(conversation),
    data,
    ...(occurredAt && { occurredAt }),
  });
}
