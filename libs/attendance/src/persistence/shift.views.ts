import type { LocationDto } from '#core';

/** A clock-in/clock-out as every client sees it (acks, events, REST). */
export type ShiftView = {
  id: string;
  guardId: string;
  guardName: string;
  siteId: string;
  scheduledShiftId: string | null;
  startedAt: string;
  startedReceivedAt: string;
  startLocation: LocationDto | null;
  startInsideGeofence: boolean | null;
  endedAt: string | null;
  endedReceivedAt: string | null;
  endLocation: LocationDto | null;
  endInsideGeofence: boolean | null;
};

/** A planned shift (REST back-office), the basis of no-shows and the attendance report. */
export type ScheduledShiftView = {
  id: string;
  guardId: string;
  guardName: string;
  siteId: string;
  startsAt: string;
  endsAt: string;
  createdBy: string | null;
  createdAt: string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
export type Row = Record<string, any>;
const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

/** The fields both views start with: the row, its guard and site. */
const guardAtSite = (r: Row) => ({
  id: r.id,
  guardId: r.guard_id,
  guardName: r.guard_name,
  siteId: r.site_id,
});

export const toShiftView = (r: Row): ShiftView => ({
  ...guardAtSite(r),
  scheduledShiftId: r.scheduled_shift_id,
  startedAt: iso(r.started_at)!,
  startedReceivedAt: iso(r.started_received_at)!,
  startLocation: r.start_location,
  startInsideGeofence: r.start_inside_geofence,
  endedAt: iso(r.ended_at),
  endedReceivedAt: iso(r.ended_received_at),
  endLocation: r.end_location,
  endInsideGeofence: r.end_inside_geofence,
});

export const toScheduledView = (r: Row): ScheduledShiftView => ({
  ...guardAtSite(r),
  startsAt: iso(r.starts_at)!,
  endsAt: iso(r.ends_at)!,
  createdBy: r.created_by,
  createdAt: iso(r.created_at)!,
});
