import type { EntityManager } from 'typeorm';
import type { LocationDto } from '#core';

/** A clock-in/clock-out as every client sees it (acks, events, REST). */
export interface ShiftView {
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
}

/** A planned shift (REST back-office), the basis of no-shows and the attendance report. */
export interface ScheduledShiftView {
  id: string;
  guardId: string;
  guardName: string;
  siteId: string;
  startsAt: string;
  endsAt: string;
  createdBy: string | null;
  createdAt: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
type Row = Record<string, any>;
const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

export const SHIFT_SQL = `SELECT s.*, u.name AS guard_name FROM shifts s JOIN users u ON u.id = s.guard_id`;
export const SCHEDULED_SQL = `SELECT s.*, u.name AS guard_name FROM scheduled_shifts s JOIN users u ON u.id = s.guard_id`;

export const toShiftView = (r: Row): ShiftView => ({
  id: r.id,
  guardId: r.guard_id,
  guardName: r.guard_name,
  siteId: r.site_id,
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
  id: r.id,
  guardId: r.guard_id,
  guardName: r.guard_name,
  siteId: r.site_id,
  startsAt: iso(r.starts_at)!,
  endsAt: iso(r.ends_at)!,
  createdBy: r.created_by,
  createdAt: iso(r.created_at)!,
});

export async function findShift(tx: EntityManager, id: string): Promise<ShiftView | null> {
  const [row] = (await tx.query(`${SHIFT_SQL} WHERE s.id = $1`, [id])) as Row[];
  return row ? toShiftView(row) : null;
}

/** The guard's active shift (at most one: partial unique index), or null. */
export async function findActiveShift(tx: EntityManager, guardId: string): Promise<ShiftView | null> {
  const [row] = (await tx.query(`${SHIFT_SQL} WHERE s.guard_id = $1 AND s.ended_at IS NULL`, [
    guardId,
  ])) as Row[];
  return row ? toShiftView(row) : null;
}

/**
 * The guard's latest ended shift that ends after `at`, or null: a shift starting at `at` would
 * overlap it (time counted twice). Device times may lie; the stored intervals may not overlap.
 */
export async function findShiftEndingAfter(
  tx: EntityManager,
  guardId: string,
  at: Date,
): Promise<ShiftView | null> {
  const [row] = (await tx.query(
    `${SHIFT_SQL} WHERE s.guard_id = $1 AND s.ended_at > $2 ORDER BY s.ended_at DESC LIMIT 1`,
    [guardId, at],
  )) as Row[];
  return row ? toShiftView(row) : null;
}

export async function findScheduled(tx: EntityManager, id: string): Promise<ScheduledShiftView | null> {
  const [row] = (await tx.query(`${SCHEDULED_SQL} WHERE s.id = $1`, [id])) as Row[];
  return row ? toScheduledView(row) : null;
}

/** Serialises a guard's shift commands: concurrent clock-ins of one guard queue on this row. */
export async function lockGuard(tx: EntityManager, guardId: string): Promise<void> {
  await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [guardId]);
}
