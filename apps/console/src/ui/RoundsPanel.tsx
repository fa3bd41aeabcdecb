import type { ConsoleState } from '../state/console-state.js';
import { timeOf } from './context.js';

/** Who is on shift at the selected site, their patrol's progress and next deadline, planned shifts. */
export function RoundsPanel({ state }: { state: ConsoleState }) {
  const guards = Object.values(state.guards).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  const runOf = (userId: string) => Object.values(state.patrols).find((r) => r.guardId === userId);
  const upcoming = state.scheduled.filter((s) => Date.parse(s.startsAt) > Date.now());
  return (
    <section class="panel" aria-label="Shifts and patrols">
      <h2>On shift ({guards.length})</h2>
      {guards.length === 0 && <p class="muted">Nobody on shift.</p>}
      <ul class="rows">
        {guards.map((g) => {
          const run = runOf(g.userId);
          return (
            <li key={g.userId} class="shift-row" data-testid="shift-row" data-user-id={g.userId}>
              <strong>{g.name ?? 'Guard'}</strong>{' '}
              {run ? (
                <span data-testid="patrol-progress" class={run.overdue ? 'error' : ''}>
                  {run.routeName}: {run.progress.scanned}/{run.progress.total} checkpoints · next by{' '}
                  {timeOf(run.nextScanDueBy ?? run.dueBy)}
                  {run.overdue && ' · overdue'}
                </span>
              ) : (
                <span class="muted">no patrol in progress</span>
              )}
            </li>
          );
        })}
      </ul>
      {upcoming.length > 0 && (
        <>
          <h3>Planned</h3>
          <ul class="rows">
            {upcoming.map((s) => (
              <li key={s.id}>
                {timeOf(s.startsAt)}–{timeOf(s.endsAt)} {s.guardName}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
