import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleState } from '../state/console-state.js';
import { readersOf } from '../state/messages.js';
import type { MessageView } from '../state/views.js';
import { acceptSent } from '../state/chat.js';
import { ChatPicker } from './ChatPicker.js';
import { ErrorNote } from './ErrorNote.js';
import { errorText, timeOf, useServices } from './context.js';

/** Sends `typing: true` at most this often while the user types (the server expires it after 6 s). */
const TYPING_EVERY_MS = 3000;

/** A user's name from what the console knows: guards of the site, message senders. */
function namer(state: ConsoleState): (userId: string) => string {
  const names = new Map<string, string>();
  for (const m of state.messages) names.set(m.sender.id, m.sender.name);
  for (const g of state.siteGuards) if (g.name) names.set(g.userId, g.name);
  for (const g of Object.values(state.guards)) if (g.name) names.set(g.userId, g.name);
  return (id) => names.get(id) ?? `user ${id.slice(0, 8)}`;
}

function MessageItem({ m, nameOf }: { m: MessageView; nameOf: (id: string) => string }) {
  const acked = m.acknowledgedBy ?? [];
  return (
    <li class="message-item" data-testid="message-item" data-message-id={m.id}>
      <span class="muted">
        {timeOf(m.createdAt)} {m.sender.name}:
      </span>{' '}
      {m.deletedAt ? <em>deleted</em> : m.text}
      {m.editedAt && !m.deletedAt && <span class="muted"> (edited)</span>}
      {m.requiresAck && (
        <div class="order" data-testid="dispatch-order">
          <span class="badge">order</span> acknowledged by{' '}
          {acked.length ? acked.map(nameOf).join(', ') : 'nobody yet'}
          {!!m.missing?.length && (
            <span class="error"> · not acknowledged: {m.missing.map(nameOf).join(', ')}</span>
          )}
        </div>
      )}
    </li>
  );
}

/** The selected site's conversation, or a direct one (docs/protocol.md section 9). */
export function MessagesPanel({ state }: { state: ConsoleState }) {
  const { actions, store } = useServices();
  const isSite = state.chat.kind === 'site';
  const placeholder =
    state.chat.kind === 'site' ? 'Message to the site' : `Message to ${state.chat.peerName}`;
  const [text, setText] = useState('');
  const [order, setOrder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const typingSentAt = useRef(0);
  const conversationId = state.conversation.id;
  const nameOf = namer(state);
  const me = state.me?.userId;
  const last = state.messages[state.messages.length - 1];

  // Read receipts: everything shown is read once it arrives from someone else.
  useEffect(() => {
    if (conversationId && last && last.sender.id !== me)
      actions.markRead(conversationId, last.id).catch(() => undefined); // a lost receipt is sent again with the next message
  }, [conversationId, last?.id]);

  const typing = (value: string) => {
    setText(value);
    if (!conversationId || Date.now() - typingSentAt.current < TYPING_EVERY_MS) return;
    typingSentAt.current = Date.now();
    actions.typing(conversationId, true).catch(() => undefined); // ephemeral by contract
  };
  const send = async (e: Event) => {
    e.preventDefault();
    if (!state.siteId || !text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const sent = await actions.sendMessage(state.chat, state.siteId, text.trim(), order && isSite);
      store.update((s) => acceptSent(s, sent));
      setText('');
      setOrder(false);
      if (conversationId && typingSentAt.current)
        actions.typing(conversationId, false).catch(() => undefined);
      typingSentAt.current = 0;
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const mine = [...state.messages].reverse().find((m) => m.sender.id === me);
  const seenBy = mine ? readersOf(state, mine.id).map(nameOf) : [];
  const typists = state.conversation.typing.map(nameOf);
  return (
    <section class="panel messages" aria-label="Messages">
      <h2>Messages</h2>
      <ChatPicker state={state} />
      {state.messagesError && <p class="muted">Messages unavailable: {state.messagesError}</p>}
      <ol class="message-list" aria-live="polite">
        {state.messages.map((m) => (
          <MessageItem key={m.id} m={m} nameOf={nameOf} />
        ))}
      </ol>
      {seenBy.length > 0 && <p class="muted small">Your last message was seen by {seenBy.join(', ')}</p>}
      {typists.length > 0 && (
        <p class="muted small" data-testid="typing">
          {typists.join(', ')} {typists.length > 1 ? 'are' : 'is'} typing…
        </p>
      )}
      <form class="message-form" onSubmit={(e) => void send(e)}>
        <input
          data-testid="message-input"
          aria-label={placeholder}
          placeholder={placeholder}
          maxLength={2000}
          value={text}
          onInput={(e) => typing(e.currentTarget.value)}
        />
        <button
          type="submit"
          data-testid="message-send"
          aria-label="Send message"
          disabled={busy || !text.trim()}
        >
          Send
        </button>
      </form>
      {isSite && (
        <label class="small">
          <input
            type="checkbox"
            data-testid="message-requires-ack"
            checked={order}
            onChange={(e) => setOrder(e.currentTarget.checked)}
          />{' '}
          Dispatch order: the site's guards must acknowledge it
        </label>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
