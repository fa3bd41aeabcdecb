import { distanceMeters } from '#core';

/** One GPS fix of a guard, times in epoch ms: recordedAt (device) and receivedAt (server). */
export interface Fix {
  lat: number;
  lng: number;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  batteryLevel: number | null;
  recordedAt: number;
  receivedAt: number;
}

/** What the filter remembers of a guard: the last accepted fix and a few before it. */
export interface TrackHistory {
  last?: Fix;
  recent: Fix[];
  /** Consecutive fixes refused as impossible jumps (the last accepted one may be the bad one). */
  speedStrikes: number;
}

export type Rejection = 'DUPLICATE' | 'OUT_OF_ORDER' | 'TOO_FREQUENT' | 'IMPOSSIBLE_SPEED';

export const MIN_GAP_MS = 1000;
export const MAX_SPEED_MS = 70;
/** After this many consecutive impossible jumps the new position is believed (the old fix was bad). */
export const SPEED_STRIKES_TO_RESET = 3;
export const RECENT_KEPT = 5;

export const emptyHistory = (): TrackHistory => ({ recent: [], speedStrikes: 0 });

/**
 * The sanity filters of `update_location`, in order: an exact duplicate (same place and device
 * time), a fix older than the last accepted one, less than 1 s after it, and a jump implying more
 * than 70 m/s. Times are the fix's time: the device's recordedAt when sent (an offline queue
 * replayed at once still counts, fix by fix), else the server's receive time. Returns the reason
 * to refuse, or null to accept.
 */
export function screenFix(h: TrackHistory, fix: Fix): Rejection | null {
  const last = h.last;
  if (!last) return null;
  if (last.lat === fix.lat && last.lng === fix.lng && last.recordedAt === fix.recordedAt) return 'DUPLICATE';
  if (fix.recordedAt < last.recordedAt) return 'OUT_OF_ORDER';
  if (fix.recordedAt - last.recordedAt < MIN_GAP_MS) return 'TOO_FREQUENT';
  const seconds = Math.max(1, (fix.recordedAt - last.recordedAt) / 1000);
  if (distanceMeters(last, fix) / seconds > MAX_SPEED_MS && h.speedStrikes + 1 < SPEED_STRIKES_TO_RESET)
    return 'IMPOSSIBLE_SPEED';
  return null;
}

/** The history after a screened fix: accepted fixes become the last one; jumps count strikes. */
export function remember(h: TrackHistory, fix: Fix, rejection: Rejection | null): TrackHistory {
  if (rejection === 'IMPOSSIBLE_SPEED') return { ...h, speedStrikes: h.speedStrikes + 1 };
  if (rejection) return h;
  return { last: fix, recent: keepLast(h.recent, fix, RECENT_KEPT), speedStrikes: 0 };
}

/**
 * The last `n - 1` of `list`, then `item`: one new array of exactly that length (this runs on every
 * accepted fix, and the array lives until the guard's next one).
 */
function keepLast<T>(list: readonly T[], item: T, n: number): T[] {
  const from = Math.max(0, list.length + 1 - n);
  const out = new Array<T>(list.length - from + 1);
  for (let i = from; i < list.length; i++) out[i - from] = list[i];
  out[out.length - 1] = item;
  return out;
}
