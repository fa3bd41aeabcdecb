import { readPage, type SqlFilter } from '#core';
import type { EntityManager } from 'typeorm';
import type { PlannedShift } from '../domain/attendance-report.js';
import { toScheduledView, type Row, type ScheduledShiftView } from './shift.views.js';

type Queryable = Pick<EntityManager, 'query'>;

const SCHEDULED_SQL = `SELECT s.*, u.name AS guard_name FROM scheduled_shifts s JOIN users u ON u.id = s.guard_id`;

/** A planned shift row-locked for a change. */
export interface LockedPlan {
  id: string;
  guardId: string;
  siteId: string;
  startsAt: Date;
  endsAt: Date;
}

/** Filters of the planned-shift list; every one optional. */
export interface PlanFilter {
  siteIds?: string[];
  siteId?: string;
  guardId?: string;
  endsAfter?: Date;
  startsBefore?: Date;
}

/** The conditions of a PlanFilter (over `s`). */
const filtersOf = (f: PlanFilter): SqlFilter[] => [
  ['s.site_id = ANY(?)', f.siteIds],
  ['s.site_id = ?', f.siteId],
  ['s.guard_id = ?', f.guardId],
  ['s.ends_at > ?', f.endsAfter],
  ['s.starts_at < ?', f.startsBefore],
];

/** Every statement on scheduled_shifts. */
export const ScheduledShifts = {
  async find(tx: Queryable, id: string): Promise<ScheduledShiftView | null> {
    const [row] = (await tx.query(`${SCHEDULED_SQL} WHERE s.id = $1`, [id])) as Row[];
    return row ? toScheduledView(row) : null;
  },

  async lock(tx: Queryable, id: string): Promise<LockedPlan | undefined> {
    const [plan] = (await tx.query(
      `SELECT id, guard_id AS "guardId", site_id AS "siteId", starts_at AS "startsAt", ends_at AS "endsAt"
         FROM scheduled_shifts WHERE id = $1 FOR UPDATE`,
      [id],
    )) as LockedPlan[];
    return plan;
  },

  /** The guard's plan at the site a clock-in at `at` fulfils (up to `earlyMs` early), nearest start first. */
  async fulfilledBy(
    tx: Queryable,
    guardId: string,
    siteId: string,
    at: Date,
    earlyMs: number,
  ): Promise<string | undefined> {
    const [planned] = (await tx.query(
      `SELECT id FROM scheduled_shifts WHERE guard_id = $1 AND site_id = $2
         AND starts_at - $4 * interval '1 millisecond' <= $3 AND ends_at > $3
       ORDER BY abs(extract(epoch FROM starts_at - $3)) LIMIT 1`,
      [guardId, siteId, at, earlyMs],
    )) as { id: string }[];
    return planned?.id;
  },

  /** A plan of the guard overlapping [startsAt, endsAt), other than `exceptId`, if any. */
  async overlapping(
    tx: Queryable,
    guardId: string,
    startsAt: Date,
    endsAt: Date,
    exceptId: string | null = null,
  ): Promise<string | undefined> {
    const [overlap] = (await tx.query(
      `SELECT id FROM scheduled_shifts WHERE guard_id = $1 AND ($4::uuid IS NULL OR id <> $4)
         AND starts_at < $3 AND ends_at > $2 LIMIT 1`,
      [guardId, startsAt, endsAt, exceptId],
    )) as { id: string }[];
    return overlap?.id;
  },

  async insert(
    tx: Queryable,
    p: { guardId: string; siteId: string; startsAt: Date; endsAt: Date; createdBy: string },
  ): Promise<string> {
    const [{ id }] = (await tx.query(
      `INSERT INTO scheduled_shifts (guard_id, site_id, starts_at, ends_at, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [p.guardId, p.siteId, p.startsAt, p.endsAt, p.createdBy],
    )) as { id: string }[];
    return id;
  },

  async reschedule(tx: Queryable, id: string, startsAt: Date, endsAt: Date): Promise<void> {
    await tx.query('UPDATE scheduled_shifts SET starts_at = $2, ends_at = $3 WHERE id = $1', [
      id,
      startsAt,
      endsAt,
    ]);
  },

  async remove(tx: Queryable, id: string): Promise<void> {
    await tx.query('DELETE FROM scheduled_shifts WHERE id = $1', [id]);
  },

  /** The site's plans starting in [from, to), by start. */
  async startingIn(db: Queryable, siteId: string, from: Date, to: Date): Promise<PlannedShift[]> {
    const rows = (await db.query(
      'SELECT * FROM scheduled_shifts WHERE site_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at, id',
      [siteId, from, to],
    )) as Row[];
    return rows.map((r) => ({
      id: r.id,
      guardId: r.guard_id,
      siteId: r.site_id,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
    }));
  },

  /** One page of the plans matching the filter, by start, and how many match. */
  async page(
    db: Queryable,
    filter: PlanFilter,
    limit: number,
    offset: number,
  ): Promise<{ items: ScheduledShiftView[]; total: number }> {
    const page = { select: SCHEDULED_SQL, from: 'scheduled_shifts s', orderBy: 's.starts_at, s.id' };
    const { rows, total } = await readPage<Row>(db, { ...page, filters: filtersOf(filter), limit, offset });
    return { items: rows.map(toScheduledView), total };
  },

  /** Whether the user is an active guard, and assigned to the site; locks the user (one plan at a time). */
  async lockGuardFor(
    tx: Queryable,
    guardId: string,
    siteId: string,
  ): Promise<{ role: string; active: boolean; assigned: boolean } | undefined> {
    const [guard] = (await tx.query(
      `SELECT u.role, u.active, (a.user_id IS NOT NULL) AS assigned FROM users u
         LEFT JOIN site_assignments a ON a.user_id = u.id AND a.site_id = $2 WHERE u.id = $1 FOR UPDATE OF u`,
      [guardId, siteId],
    )) as { role: string; active: boolean; assigned: boolean }[];
    return guard;
  },
};
