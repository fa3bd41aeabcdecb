import { AppError, isInsideGeofence, type Geofence, type LatLng } from '#core';

/** How early before a scheduled start a clock-in still counts for that scheduled shift. */
export const EARLY_CLOCK_IN_MS = 30 * 60_000;

/** Inside the site's geofence: null when there is no location or the site has no geofence. */
export function insideGeofenceOf(location: LatLng | undefined, geofence: Geofence | null): boolean | null {
  if (!location || !geofence) return null;
  return isInsideGeofence(location, geofence);
}

/** A clock-out cannot precede its clock-in (device clocks drift; offline queues replay late). */
export function endTimeProblem(startedAt: Date, endedAt: Date): string | null {
  return endedAt.getTime() < startedAt.getTime() ? 'recordedAt is before the start of the shift' : null;
}

/** Planned shift bounds from REST: the end after the start. */
export function scheduleProblem(startsAt: Date, endsAt: Date): string | null {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return 'invalid date';
  return endsAt.getTime() > startsAt.getTime() ? null : 'endsAt must be after startsAt';
}

/** CONFLICT: the guard already has a planned shift overlapping the new times. */
export const planOverlaps = (scheduledShiftId: string): AppError =>
  AppError.conflict('The guard already has a shift planned at that time', { scheduledShiftId });
