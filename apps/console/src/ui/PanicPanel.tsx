import { useState } from 'preact/hooks';
import type { ConsoleState } from '../state/console-state.js';
import type { PanicView } from '../state/views.js';
import { ErrorNote } from './ErrorNote.js';
import { errorText, timeOf, useServices } from './context.js';

function PanicCard({ panic, siteName }: { panic: PanicView; siteName: string }) {
  const { actions, live } = useServices();
  const [notes, setNotes] = useState('');
  const [resolving, setResolving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setResolving(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const loc = panic.location;
  const raised = panic.status === 'RAISED';
  return (
    <article
      class={`panic-card ${raised ? 'raised' : 'acknowledged'}`}
      data-testid="panic-card"
      data-panic-id={panic.id}
      data-status={panic.status}
      aria-label={`Panic from ${panic.guard.name}`}
    >
      <header>
        <strong>{panic.type}</strong> · {panic.guard.name}
        <span class="badge">level {panic.escalationLevel}</span>
      </header>
      <dl>
        <dt>Site</dt>
        <dd>{siteName}</dd>
        <dt>Raised</dt>
        <dd>{timeOf(panic.raisedAt)}</dd>
        <dt>Status</dt>
        <dd>
          {raised
            ? 'waiting for acknowledgement'
            : `acknowledged by ${panic.acknowledgedBy?.name ?? 'staff'}`}
        </dd>
        <dt>Location</dt>
        <dd>
          {loc ? (
            <button
              type="button"
              class="link"
              aria-label={`Show ${panic.guard.name}'s panic on the map`}
              onClick={() => live.focus(loc.lat, loc.lng, panic.siteId)}
            >
              {loc.lat.toFixed(5)}, {loc.lng.toFixed(5)}
            </button>
          ) : (
            'unknown'
          )}
        </dd>
      </dl>
      <div class="actions">
        <button
          type="button"
          data-testid="panic-acknowledge"
          aria-label={`Acknowledge panic from ${panic.guard.name}`}
          disabled={!raised || busy}
          onClick={() => void run(() => actions.acknowledgePanic(panic.id))}
        >
          Acknowledge
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="panic-resolve"
          aria-label={`Resolve panic from ${panic.guard.name}`}
          disabled={busy}
          onClick={() => setResolving(true)}
        >
          Resolve…
        </button>
      </div>
      {resolving && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => actions.resolvePanic(panic.id, notes));
          }}
        >
          <label for={`notes-${panic.id}`}>Resolution notes</label>
          <textarea
            id={`notes-${panic.id}`}
            data-testid="panic-resolve-notes"
            value={notes}
            onInput={(e) => setNotes(e.currentTarget.value)}
          />
          <button type="submit" data-testid="panic-resolve-confirm" disabled={busy}>
            Confirm resolve
          </button>
          <button type="button" class="secondary" onClick={() => setResolving(false)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </article>
  );
}

/** Active panics of every site the user sees, the unacknowledged ones first. */
export function PanicPanel({ state }: { state: ConsoleState }) {
  const panics = Object.values(state.panics).sort(
    (a, b) =>
      Number(b.status === 'RAISED') - Number(a.status === 'RAISED') || b.raisedAt.localeCompare(a.raisedAt),
  );
  const siteName = (id: string) => state.sites.find((s) => s.id === id)?.name ?? 'another site';
  return (
    <section class="panel panics" aria-label="Active panics">
      <h2>Panics ({panics.length})</h2>
      {panics.length === 0 && <p class="muted">No active panic.</p>}
      {panics.map((p) => (
        <PanicCard key={p.id} panic={p} siteName={siteName(p.siteId)} />
      ))}
    </section>
  );
}
