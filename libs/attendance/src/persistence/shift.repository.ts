import type { EntityManager } from 'typeorm';
import type { ActualShift } from '../domain/attendance-report.js';
import { toShiftView, type Row, type ShiftView } from './shift.views.js';

type Queryable = Pick<EntityManager, 'query'>;

const SHIFT_SQL = `SELECT s.*, u.name AS guard_name FROM shifts s JOIN users u ON u.id = s.guard_id`;

/** A clock-in as stored. */
export interface NewShift {
  guardId: string;
  siteId: string;
  scheduledShiftId: string | null;
  startedAt: Date;
  startedReceivedAt: Date;
  /** JSON text of the device's location, or null. */
  startLocation: string | null;
  startInsideGeofence: boolean | null;
}

/** A clock-out as stored. */
export interface ShiftEnd {
  endedAt: Date;
  endedReceivedAt: Date;
  /** JSON text of the device's location, or null. */
  endLocation: string | null;
  endInsideGeofence: boolean | null;
}

/** Every statement of attendance on shifts (other features read them through ActiveShifts). */
export const Shifts = {
  async find(tx: Queryable, id: string): Promise<ShiftView | null> {
    const [row] = (await tx.query(`${SHIFT_SQL} WHERE s.id = $1`, [id])) as Row[];
    return row ? toShiftView(row) : null;
  },

  /** The guard's active shift (at most one: partial unique index), or null. */
  async findActive(tx: Queryable, guardId: string): Promise<ShiftView | null> {
    const [row] = (await tx.query(`${SHIFT_SQL} WHERE s.guard_id = $1 AND s.ended_at IS NULL`, [
      guardId,
    ])) as Row[];
    return row ? toShiftView(row) : null;
  },

  /**
   * The guard's latest ended shift that ends after `at`, or null: a shift starting at `at` would
   * overlap it (time counted twice). Device times may lie; the stored intervals may not overlap.
   */
  async findEndingAfter(tx: Queryable, guardId: string, at: Date): Promise<ShiftView | null> {
    const [row] = (await tx.query(
      `${SHIFT_SQL} WHERE s.guard_id = $1 AND s.ended_at > $2 ORDER BY s.ended_at DESC LIMIT 1`,
      [guardId, at],
    )) as Row[];
    return row ? toShiftView(row) : null;
  },

  /** Serialises a guard's shift commands: concurrent clock-ins of one guard queue on this row. */
  async lockGuard(tx: Queryable, guardId: string): Promise<void> {
    await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [guardId]);
  },

  /** Stores a clock-in and returns its id. */
  async insert(tx: Queryable, s: NewShift): Promise<string> {
    const [{ id }] = (await tx.query(
      `INSERT INTO shifts (guard_id, site_id, scheduled_shift_id, started_at, started_received_at,
         start_location, start_inside_geofence) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        s.guardId,
        s.siteId,
        s.scheduledShiftId,
        s.startedAt,
        s.startedReceivedAt,
        s.startLocation,
        s.startInsideGeofence,
      ],
    )) as { id: string }[];
    return id;
  },

  async saveEnd(tx: Queryable, id: string, end: ShiftEnd): Promise<void> {
    await tx.query(
      `UPDATE shifts SET ended_at = $2, ended_received_at = $3, end_location = $4, end_inside_geofence = $5
        WHERE id = $1`,
      [id, end.endedAt, end.endedReceivedAt, end.endLocation, end.endInsideGeofence],
    );
  },

  /** A clock-in made for the planned shift, if any. */
  async clockInFor(tx: Queryable, scheduledShiftId: string): Promise<string | undefined> {
    const [row] = (await tx.query('SELECT id FROM shifts WHERE scheduled_shift_id = $1 LIMIT 1', [
      scheduledShiftId,
    ])) as { id: string }[];
    return row?.id;
  },

  /**
   * True when the guard clocked in for the plan: a linked clock-in, or any shift of the guard at
   * that site overlapping the planned hours.
   */
  async covers(
    tx: Queryable,
    plan: { id: string; guardId: string; siteId: string; startsAt: string; endsAt: string },
  ): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM shifts WHERE scheduled_shift_id = $1 OR (guard_id = $2 AND site_id = $3
          AND started_at < $5 AND (ended_at IS NULL OR ended_at > $4)) LIMIT 1`,
      [plan.id, plan.guardId, plan.siteId, plan.startsAt, plan.endsAt],
    )) as unknown[];
    return rows.length > 0;
  },

  /** The site's clock-ins for these plans, and the unplanned ones started in [from, to). */
  async forReport(
    db: Queryable,
    siteId: string,
    from: Date,
    to: Date,
    planIds: string[],
  ): Promise<ActualShift[]> {
    const rows = (await db.query(
      `SELECT * FROM shifts WHERE site_id = $1 AND (scheduled_shift_id = ANY($4)
         OR (scheduled_shift_id IS NULL AND started_at >= $2 AND started_at < $3)) ORDER BY started_at, id`,
      [siteId, from, to, planIds],
    )) as Row[];
    return rows.map((r) => ({
      id: r.id,
      guardId: r.guard_id,
      siteId: r.site_id,
      scheduledShiftId: r.scheduled_shift_id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
    }));
  },
};
