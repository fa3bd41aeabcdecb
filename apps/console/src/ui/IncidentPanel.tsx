import { useState } from 'preact/hooks';
import type { ConsoleState } from '../state/console-state.js';
import type { IncidentView } from '../state/views.js';
import { ErrorNote } from './ErrorNote.js';
import { errorText, timeOf, useServices } from './context.js';

const PRIORITY_RANK: Record<string, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

function IncidentRow({ incident, guards }: { incident: IncidentView; guards: ConsoleState['siteGuards'] }) {
  const { actions } = useServices();
  const [assignee, setAssignee] = useState(incident.assignee?.id ?? '');
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<void>) => {
    setError(null);
    action().catch((e: unknown) => setError(errorText(e)));
  };
  const id = incident.id;
  return (
    <li
      class={`incident-row prio-${incident.priority.toLowerCase()}`}
      data-testid="incident-row"
      data-incident-id={id}
    >
      <div class="row-head">
        <span class="badge">{incident.priority}</span> <strong>{incident.title}</strong>
        <span class="muted">
          {' '}
          {incident.type} · {incident.status} · {timeOf(incident.occurredAt)}
          {incident.assignee && ` · ${incident.assignee.name}`}
        </span>
      </div>
      <div class="row-actions">
        <select
          aria-label={`Assign incident ${incident.title} to`}
          data-testid="incident-assignee"
          value={assignee}
          onChange={(e) => setAssignee(e.currentTarget.value)}
        >
          <option value="">Guard…</option>
          {guards.map((g) => (
            <option key={g.userId} value={g.userId}>
              {g.name ?? `guard ${g.userId.slice(0, 8)}`}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="incident-assign"
          aria-label={`Assign incident ${incident.title}`}
          disabled={!assignee}
          onClick={() => run(() => actions.assignIncident(id, assignee))}
        >
          Assign
        </button>
        <input
          aria-label={`Resolution of incident ${incident.title}`}
          data-testid="incident-resolution"
          placeholder="Resolution"
          value={resolution}
          onInput={(e) => setResolution(e.currentTarget.value)}
        />
        <button
          type="button"
          class="secondary"
          data-testid="incident-resolve"
          aria-label={`Resolve incident ${incident.title}`}
          disabled={!resolution.trim() || incident.status === 'OPEN'}
          title={incident.status === 'OPEN' ? 'Assign it first' : undefined}
          onClick={() => run(() => actions.resolveIncident(id, incident.status, resolution.trim()))}
        >
          Resolve
        </button>
      </div>
      <ErrorNote error={error} />
    </li>
  );
}

/** Open incidents of the selected site, most urgent first. */
export function IncidentPanel({ state }: { state: ConsoleState }) {
  const list = Object.values(state.incidents).sort(
    (a, b) =>
      (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) ||
      b.occurredAt.localeCompare(a.occurredAt),
  );
  return (
    <section class="panel" aria-label="Open incidents">
      <h2>Incidents ({list.length})</h2>
      {list.length === 0 && <p class="muted">No open incident.</p>}
      <ul class="rows">
        {list.map((i) => (
          <IncidentRow key={i.id} incident={i} guards={state.siteGuards} />
        ))}
      </ul>
    </section>
  );
}
