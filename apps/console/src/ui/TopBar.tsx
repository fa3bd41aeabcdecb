import type { ConsoleState } from '../state/console-state.js';
import { useServices } from './context.js';

/** Site selector, connection status, who is logged in, logout. */
export function TopBar({ state, onLogout }: { state: ConsoleState; onLogout: () => void }) {
  const { live } = useServices();
  return (
    <header class="topbar">
      <strong class="brand">PatrolShield</strong>
      <label class="site-picker">
        <span>Site</span>
        <select
          data-testid="site-select"
          aria-label="Site"
          value={state.siteId ?? ''}
          onChange={(e) => live.selectSite(e.currentTarget.value)}
        >
          {state.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <span
        class={`status ${state.connection}`}
        data-testid="connection-status"
        role="status"
        aria-label="Connection status"
      >
        {state.connection}
      </span>
      <span class="spacer" />
      <span class="who">
        {state.me?.name} <span class="muted">({state.me?.role})</span>
      </span>
      <button type="button" class="secondary" onClick={onLogout} aria-label="Log out">
        Log out
      </button>
    </header>
  );
}

/** After a reconnect: what arrived through sync while the console was offline. */
export function MissedBanner({ missed }: { missed: NonNullable<ConsoleState['missed']> }) {
  const { live } = useServices();
  const parts = Object.entries(missed.byType).map(([type, n]) => `${n} ${type.replace(/_/g, ' ')}`);
  return (
    <div class="missed" role="status" data-testid="missed-summary" data-total={missed.total}>
      Back online.{' '}
      {missed.total
        ? `While offline: ${parts.join(', ')} (shown below).`
        : 'Nothing was missed while offline.'}
      <button
        type="button"
        class="link"
        aria-label="Dismiss reconnect summary"
        onClick={() => live.dismissMissed()}
      >
        Dismiss
      </button>
    </div>
  );
}
