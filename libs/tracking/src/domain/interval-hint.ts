import { distanceMeters } from '#core';
import type { Fix } from './location-filter.js';

export const NORMAL_INTERVAL_MS = 5000;
export const STILL_INTERVAL_MS = 20_000;
export const FAST_INTERVAL_MS = 2000;
/** Moved less than this over the recent fixes: standing still. */
export const STILL_RADIUS_M = 10;
export const STILL_MIN_FIXES = 3;
/** Faster than this (m/s, ~30 km/h): in a vehicle, report more often. */
export const FAST_SPEED_MS = 8;

/** The shortest hint ever given, whatever the stale grace period. */
export const MIN_INTERVAL_MS = 1000;
/** The hint while the guard's own panic is active (docs/protocol.md section 11). */
export const PANIC_INTERVAL_MS = 1000;

/**
 * The `nextIntervalMs` hint from the recent accepted fixes (oldest first): longer while the guard
 * stands still (at least 3 fixes, all within 10 m of the newest), shorter while moving fast
 * (reported speed, or implied by the last two fixes), else the normal 5 s. Never longer than a third
 * of the stale grace period (`GUARD_STALE_AFTER_S`), so a guard who follows the hint and loses two
 * fixes in a row is still not reported stale.
 */
export function nextIntervalMs(recent: Fix[], staleAfterMs: number): number {
  return Math.min(movementIntervalMs(recent), Math.max(MIN_INTERVAL_MS, Math.floor(staleAfterMs / 3)));
}

function movementIntervalMs(recent: Fix[]): number {
  const newest = recent[recent.length - 1];
  if (!newest) return NORMAL_INTERVAL_MS;
  if (recent.length >= STILL_MIN_FIXES && recent.every((f) => distanceMeters(f, newest) < STILL_RADIUS_M))
    return STILL_INTERVAL_MS;
  const prev = recent[recent.length - 2];
  const implied =
    prev && newest.recordedAt > prev.recordedAt
      ? distanceMeters(prev, newest) / ((newest.recordedAt - prev.recordedAt) / 1000)
      : 0;
  return Math.max(newest.speed ?? 0, implied) > FAST_SPEED_MS ? FAST_INTERVAL_MS : NORMAL_INTERVAL_MS;
}
