import type { DurableEvents, Envelope } from '#client';
import { ALERT_TYPES, type AlertType, type AlertView } from './views.js';

const isAlertType = (t: string): t is AlertType => (ALERT_TYPES as readonly string[]).includes(t);
const point = (v: unknown): { lat: number; lng: number } | null => {
  const p = v as { lat?: unknown; lng?: unknown } | null | undefined;
  return p && typeof p.lat === 'number' && typeof p.lng === 'number' ? { lat: p.lat, lng: p.lng } : null;
};

type Described = Pick<AlertView, 'text' | 'location' | 'userId'>;

/** What each safety event says, to whom it happened and where to look. */
const describe: { [K in AlertType]: (d: DurableEvents[K]) => Described } = {
  guard_stale: (d) => ({
    text:
      d.reason === 'DISCONNECTED' ? 'Guard disconnected while on shift' : 'No location from guard on shift',
    location: null,
    userId: d.userId ?? null,
  }),
  site_unwatched: (d) => ({
    text: `Site unwatched: ${d.guardsOnShift} guard(s) on shift, no staff connected`,
    location: null,
    userId: null,
  }),
  geofence_breach: (d) => ({
    text: 'Guard left the site geofence',
    location: point(d.location),
    userId: d.userId ?? null,
  }),
  shift_missed: (d) => {
    const shift = (d.scheduledShift ?? {}) as { guardName?: string; guardId?: string };
    return {
      text: `Shift missed${shift.guardName ? ` by ${shift.guardName}` : ''}`,
      location: null,
      userId: shift.guardId ?? null,
    };
  },
  patrol_timeout: (d) => {
    const run = (d.patrolRun ?? {}) as { routeName?: string; guardId?: string };
    const missed = Array.isArray(d.missedCheckpoints) ? d.missedCheckpoints.length : 0;
    const what = d.reason === 'OVERDUE' ? 'overdue' : 'checkpoint missed';
    return {
      text: `Patrol ${what}${run.routeName ? ` on ${run.routeName}` : ''}${missed ? ` (${missed} missed)` : ''}`,
      location: null,
      userId: run.guardId ?? null,
    };
  },
};

/** A safety event as a row of the alerts list; null for any other event. */
export function alertOf(env: Envelope): AlertView | null {
  if (!isAlertType(env.type)) return null;
  const described = (describe[env.type] as (d: unknown) => Described)(env.data);
  return { id: env.id, type: env.type, siteId: env.siteId, at: env.occurredAt, ...described };
}
