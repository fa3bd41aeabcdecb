import type { ConsoleState } from '../state/console-state.js';
import type { AlertView } from '../state/views.js';
import { timeOf, useServices } from './context.js';

/** Where an alert points: its own location, else the guard's last position on the map. */
function whereOf(a: AlertView, state: ConsoleState): { lat: number; lng: number } | null {
  if (a.location) return a.location;
  const pos = a.userId ? state.guards[a.userId]?.position : null;
  if (pos) return pos;
  const site = state.sites.find((s) => s.id === a.siteId);
  if (site && 'center' in site.geofence) return site.geofence.center;
  return null;
}

/** Safety alerts (stale guard, unwatched site, geofence breach, missed shift, patrol timeout). */
export function AlertPanel({ state }: { state: ConsoleState }) {
  const { live } = useServices();
  const siteName = (id: string | null) => state.sites.find((s) => s.id === id)?.name ?? '';
  const name = (userId: string | null) => (userId ? state.guards[userId]?.name : null);
  return (
    <section class="panel" aria-label="Safety alerts">
      <h2>Safety alerts ({state.alerts.length})</h2>
      {state.alerts.length === 0 && <p class="muted">No alert.</p>}
      <ul class="rows">
        {state.alerts.map((a) => {
          const where = whereOf(a, state);
          return (
            <li key={a.id} class={`alert-row ${a.type}`} data-testid="alert-row" data-type={a.type}>
              <time dateTime={a.at}>{timeOf(a.at)}</time> <strong>{a.text}</strong>
              {name(a.userId) && <span> · {name(a.userId)}</span>}
              <span class="muted"> · {siteName(a.siteId)}</span>{' '}
              {where && (
                <button
                  type="button"
                  class="link"
                  aria-label={`Show alert on the map: ${a.text}`}
                  onClick={() => live.focus(where.lat, where.lng, a.siteId)}
                >
                  map
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
