import type { LocationPoint } from '#client';
import type { ConsoleState } from './console-state.js';
import type { GuardView } from './views.js';

/** The latest point per guard of the selected site (location_batch, location_update). */
export function applyLocations(s: ConsoleState, siteId: string, points: LocationPoint[]): ConsoleState {
  if (siteId !== s.siteId || !points.length) return s;
  const guards = { ...s.guards };
  for (const p of points) {
    const prev = guards[p.userId];
    if (prev?.position && prev.position.recordedAt > p.recordedAt) continue;
    guards[p.userId] = {
      userId: p.userId,
      name: prev?.name ?? null,
      position: { lat: p.lat, lng: p.lng, recordedAt: p.recordedAt },
      staleReported: false,
    };
  }
  return { ...s, guards };
}

/**
 * A panicking guard's fix sent at once (`location_update`, docs/protocol.md section 11). It names no
 * site: it moves only a guard already on the selected site's map.
 */
export function applyPanicFix(s: ConsoleState, point: LocationPoint): ConsoleState {
  return s.siteId && s.guards[point.userId] ? applyLocations(s, s.siteId, [point]) : s;
}

/** Stale: reported by the server, or no fix for longer than the server's threshold. */
export function isStale(g: GuardView, staleAfterS: number, now: number): boolean {
  if (g.staleReported) return true;
  if (!g.position) return true;
  return now - Date.parse(g.position.recordedAt) > staleAfterS * 1000;
}

/** Guards with an active panic: highlighted on the map. */
export const panickingGuards = (s: ConsoleState): Set<string> =>
  new Set(Object.values(s.panics).map((p) => p.guard.id));
