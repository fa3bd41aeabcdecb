import type { ConversationView, MessageView } from './views.js';

/**
 * The site conversation's messages and receipts (docs/protocol.md section 9), as pure updates: the
 * durable message events and the ephemeral `typing`.
 */
export interface SiteConversation {
  messages: MessageView[];
  conversation: ConversationView;
}

export const emptyConversation = (): ConversationView => ({ id: null, reads: {}, typing: [] });

/** message_created, _edited, _deleted, _acknowledged: the message as the server has it now. */
export function withMessage(c: SiteConversation, m: MessageView): SiteConversation {
  const at = c.messages.findIndex((x) => x.id === m.id);
  const messages =
    at < 0 ? [...c.messages, m] : c.messages.map((x, i) => (i === at ? { ...m, missing: x.missing } : x));
  return { messages, conversation: { ...c.conversation, id: c.conversation.id ?? m.conversationId } };
}

/** message_unacknowledged: which guards on shift have not acknowledged the order. */
export function withMissing(c: SiteConversation, m: MessageView, missing: string[]): SiteConversation {
  const base = withMessage(c, m);
  return { ...base, messages: base.messages.map((x) => (x.id === m.id ? { ...x, missing } : x)) };
}

export function withRead(c: SiteConversation, userId: string, upToMessageId: string): SiteConversation {
  if (c.conversation.reads[userId] === upToMessageId) return c;
  return {
    ...c,
    conversation: { ...c.conversation, reads: { ...c.conversation.reads, [userId]: upToMessageId } },
  };
}

export function withTyping(c: SiteConversation, userId: string, typing: boolean): SiteConversation {
  const others = c.conversation.typing.filter((u) => u !== userId);
  return { ...c, conversation: { ...c.conversation, typing: typing ? [...others, userId] : others } };
}

/** Who has read `messageId` (their read position is at it or after it), the sender excepted. */
export function readersOf(c: SiteConversation, messageId: string): string[] {
  const order = new Map(c.messages.map((m, i) => [m.id, i]));
  const at = order.get(messageId);
  if (at === undefined) return [];
  const sender = c.messages[at].sender.id;
  return Object.entries(c.conversation.reads)
    .filter(([userId, upTo]) => userId !== sender && (order.get(upTo) ?? -1) >= at)
    .map(([userId]) => userId);
}
