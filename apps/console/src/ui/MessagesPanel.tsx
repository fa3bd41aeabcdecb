import { useState } from 'preact/hooks';
import type { ConsoleState } from '../state/console-state.js';
import { ErrorNote } from './ErrorNote.js';
import { errorText, timeOf, useServices } from './context.js';

/** The selected site's conversation (PROTOCOL.md section 9): its guards and its staff. */
export function MessagesPanel({ state }: { state: ConsoleState }) {
  const { actions } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (e: Event) => {
    e.preventDefault();
    if (!state.siteId || !text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await actions.sendSiteMessage(state.siteId, text.trim());
      setText('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel messages" aria-label="Site messages">
      <h2>Site messages</h2>
      {state.messagesError && <p class="muted">Messages unavailable: {state.messagesError}</p>}
      <ol class="message-list" aria-live="polite">
        {state.messages.map((m) => (
          <li key={m.id} class="message-item" data-testid="message-item" data-message-id={m.id}>
            <span class="muted">
              {timeOf(m.createdAt)} {m.sender.name}:
            </span>{' '}
            {m.deletedAt ? <em>deleted</em> : m.text}
          </li>
        ))}
      </ol>
      <form class="message-form" onSubmit={(e) => void send(e)}>
        <input
          data-testid="message-input"
          aria-label="Message to the site"
          placeholder="Message to the site"
          maxLength={2000}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
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
      <ErrorNote error={error} />
    </section>
  );
}
