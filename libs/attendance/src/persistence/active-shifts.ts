import { countsBySite } from '#core';
import { preparedQuery } from '#realtime';
import type { QueryConfig, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** A guard's shift in progress (at most one per guard: partial unique index). */
export interface OpenShift {
  id: string;
  guardId: string;
  siteId: string;
  startedAt: Date;
  startedReceivedAt: Date;
}

/** A guard on shift at a site, with the name every view shows. */
export interface GuardOnShiftRow {
  shiftId: string;
  guardId: string;
  name: string;
  startedAt: Date;
}

// The texts below are those the location, panic and stale paths have always sent: keep them.
const SITE_OF_GUARD_SQL = 'SELECT id, site_id FROM shifts WHERE guard_id = $1 AND ended_at IS NULL';
const OPEN_OF_GUARD_SQL =
  'SELECT id, site_id, started_received_at FROM shifts WHERE guard_id = $1 AND ended_at IS NULL';
const OPEN_OF_GUARDS_SQL = `SELECT guard_id, id, site_id, started_received_at FROM shifts
        WHERE ended_at IS NULL AND guard_id = ANY($1::uuid[])`;

type OpenRow = {
  id: string;
  guard_id: string;
  site_id: string;
  started_at?: Date;
  started_received_at: Date;
};
const toOpenShift = (r: OpenRow, guardId: string): OpenShift => ({
  id: r.id,
  guardId,
  siteId: r.site_id,
  startedAt: r.started_at ?? r.started_received_at,
  startedReceivedAt: r.started_received_at,
});

/**
 * What other features may read of shifts (they never read the table): who is on shift, where,
 * since when. The `sql` fragments are for the few statements of other features that must decide
 * "on shift" inside one statement (a lock with SKIP LOCKED, the stale timers' bulk upsert).
 */
export const ActiveShifts = {
  /** The guard's shift site, as a command's prefetch (sent with BEGIN); read it with siteIn. */
  siteQuery(guardId: string): QueryConfig {
    return preparedQuery(SITE_OF_GUARD_SQL, [guardId]);
  },

  /** The site of the shift in siteQuery's rows, if the guard is on shift. */
  siteIn(rows: QueryResultRow[]): string | undefined {
    return (rows[0] as { site_id: string } | undefined)?.site_id;
  },

  async ofGuard(db: Queryable, guardId: string): Promise<OpenShift | null> {
    const [row] = (await db.query(OPEN_OF_GUARD_SQL, [guardId])) as OpenRow[];
    return row ? toOpenShift(row, guardId) : null;
  },

  /** The open shifts of these guards, by guard id. */
  async ofGuards(db: Queryable, guardIds: string[]): Promise<Map<string, OpenShift>> {
    const rows = (await db.query(OPEN_OF_GUARDS_SQL, [guardIds])) as OpenRow[];
    return new Map(rows.map((r) => [r.guard_id, toOpenShift(r, r.guard_id)]));
  },

  /** Every open shift (the stale timers arm from these at boot). */
  async all(db: Queryable): Promise<OpenShift[]> {
    const rows = (await db.query(
      'SELECT id, guard_id, site_id, started_at, started_received_at FROM shifts WHERE ended_at IS NULL',
    )) as OpenRow[];
    return rows.map((r) => toOpenShift(r, r.guard_id));
  },

  /** Guards on shift per site (sites without any are absent). */
  async countBySite(db: Queryable): Promise<Map<string, number>> {
    return countsBySite(
      db,
      'SELECT site_id, count(*)::int AS n FROM shifts WHERE ended_at IS NULL GROUP BY site_id',
    );
  },

  /** Ids of the guards on shift at the site. */
  async guardIdsAt(db: Queryable, siteId: string): Promise<string[]> {
    const rows = (await db.query(
      `SELECT DISTINCT s.guard_id FROM shifts s WHERE s.site_id = $1 AND s.ended_at IS NULL`,
      [siteId],
    )) as { guard_id: string }[];
    return rows.map((r) => r.guard_id);
  },

  /** The guards on shift at the site with their names, by name. */
  async guardsAt(db: Queryable, siteId: string): Promise<GuardOnShiftRow[]> {
    const rows = (await db.query(
      `SELECT s.id, s.guard_id, u.name, s.started_at FROM shifts s JOIN users u ON u.id = s.guard_id
        WHERE s.site_id = $1 AND s.ended_at IS NULL ORDER BY u.name, s.guard_id`,
      [siteId],
    )) as { id: string; guard_id: string; name: string; started_at: Date }[];
    return rows.map((r) => ({ shiftId: r.id, guardId: r.guard_id, name: r.name, startedAt: r.started_at }));
  },

  /** When a shift ended (nulls while open), or undefined when it does not exist. */
  async endOf(
    db: Queryable,
    shiftId: string,
  ): Promise<{ endedAt: Date | null; endedReceivedAt: Date | null } | undefined> {
    const [row] = (await db.query(
      `SELECT ended_at AS "endedAt", ended_received_at AS "endedReceivedAt" FROM shifts WHERE id = $1`,
      [shiftId],
    )) as { endedAt: Date | null; endedReceivedAt: Date | null }[];
    return row;
  },

  /** The id of the guard's open shift received no later than `at`, if any. */
  async openReceivedBy(db: Queryable, guardId: string, at: Date): Promise<string | undefined> {
    const [open] = (await db.query(
      'SELECT id FROM shifts WHERE guard_id = $1 AND ended_at IS NULL AND started_received_at <= $2',
      [guardId, at],
    )) as { id: string }[];
    return open?.id;
  },

  sql: {
    /** JOIN keeping the rows whose guard (a uuid expression) is on shift. */
    joinOnShift: (guardId: string): string =>
      `JOIN shifts s ON s.guard_id = ${guardId} AND s.ended_at IS NULL`,
    /** True when the shift (a uuid expression) exists and has ended. */
    hasEnded: (shiftId: string): string =>
      `EXISTS (SELECT 1 FROM shifts s WHERE s.id = ${shiftId} AND s.ended_at IS NOT NULL)`,
    /** True when the guard has an open shift received no later than `at` (a timestamptz expression). */
    openReceivedBy: (guardId: string, at: string): string =>
      `EXISTS (SELECT 1 FROM shifts o WHERE o.guard_id = ${guardId} AND o.ended_at IS NULL
          AND o.started_received_at <= ${at})`,
  },
};
