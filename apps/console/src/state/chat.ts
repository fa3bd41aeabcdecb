import type { ConsoleState } from './console-state.js';
import { emptyConversation, withMessage, withTyping, type SiteConversation } from './messages.js';
import type { MessageView } from './views.js';

/** The conversation open in the messages panel: the selected site's, or a direct one. */
export type ChatTarget =
  { kind: 'site' } | { kind: 'direct'; peerId: string; peerName: string; conversationId: string | null };
/** A direct conversation of the user (GET /conversations), with messages not yet seen. */
export interface DirectSummary {
  id: string;
  peer: { id: string; name: string };
  unreadCount: number;
  /** The newest message counted in unreadCount (from the list or a live event): never counted twice. */
  last?: { id: string; at: string };
}

/** Whether a message belongs to the open chat. */
export function inChat(s: ConsoleState, m: MessageView): boolean {
  const chat = s.chat;
  if (chat.kind === 'site') return m.kind !== 'direct' && m.siteId === s.siteId;
  return m.kind === 'direct' && !!chat.conversationId && m.conversationId === chat.conversationId;
}

function inConversation(s: ConsoleState, change: (c: SiteConversation) => SiteConversation): ConsoleState {
  const c = change({ messages: s.messages, conversation: s.conversation });
  return c.messages === s.messages && c.conversation === s.conversation ? s : { ...s, ...c };
}

/**
 * Whether the direct's count already holds the message: it is the newest one counted, or older.
 * The conversation list is read while live events arrive, and an event that overtook the read is
 * applied again on top of it (OrderedLoads), so the same message can come twice.
 */
const counted = (d: DirectSummary, m: MessageView) =>
  !!d.last && (d.last.id === m.id || m.createdAt < d.last.at);

/** A direct message elsewhere: one more unread on its conversation (a new one from its sender). */
function countUnread(s: ConsoleState, m: MessageView): ConsoleState {
  if (!m.sender || m.sender.id === s.me?.userId) return s;
  const known = s.directs.find((d) => d.id === m.conversationId);
  if (known && counted(known, m)) return s;
  const last = { id: m.id, at: m.createdAt };
  const directs = known
    ? s.directs.map((d) => (d === known ? { ...d, unreadCount: d.unreadCount + 1, last } : d))
    : [
        ...s.directs,
        { id: m.conversationId, peer: { id: m.sender.id, name: m.sender.name }, unreadCount: 1, last },
      ];
  return { ...s, directs };
}

/** A message event: into the open chat, counted on its direct conversation, or ignored. */
export function applyMessage(
  s: ConsoleState,
  m: MessageView | undefined,
  change: (c: SiteConversation) => SiteConversation,
  isNew = false,
): ConsoleState {
  if (!m) return s;
  if (inChat(s, m)) return inConversation(s, change);
  return isNew && m.kind === 'direct' ? countUnread(s, m) : s;
}

/** Read positions of the open chat's members. */
export function applyRead(
  s: ConsoleState,
  conversationId: string | undefined,
  change: (c: SiteConversation) => SiteConversation,
) {
  return conversationId && conversationId === s.conversation.id ? inConversation(s, change) : s;
}

/** `typing` (ephemeral) in the open chat; never the user's own. */
export function applyTyping(s: ConsoleState, t: { conversationId: string; userId: string; typing: boolean }) {
  if (!t.conversationId || t.conversationId !== s.conversation.id || t.userId === s.me?.userId) return s;
  return inConversation(s, (c) => withTyping(c, t.userId, t.typing));
}

/** Opens a chat: its messages are loaded next; a direct one's unread count is cleared. */
export function openChat(s: ConsoleState, chat: ChatTarget): ConsoleState {
  const id = chat.kind === 'direct' ? chat.conversationId : null;
  return {
    ...s,
    chat,
    messages: [],
    conversation: { ...emptyConversation(), id },
    directs: s.directs.map((d) => (d.id === id ? { ...d, unreadCount: 0 } : d)),
  };
}

/** The first message of a new direct chat names its conversation (the send's ack). */
export function acceptSent(s: ConsoleState, m: MessageView): ConsoleState {
  const chat = s.chat;
  if (chat.kind !== 'direct' || chat.conversationId || m.kind !== 'direct') return s;
  const opened: ConsoleState = { ...s, chat: { ...chat, conversationId: m.conversationId } };
  return inConversation(opened, (c) => withMessage(c, m));
}
