import { ActiveShifts } from '#attendance';
import { countsBySite } from '#core';
import { preparedQuery, type UnitOfWork } from '#realtime';
import type { QueryConfig, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';
import { PATROL_RUN_FIELDS, PATROL_RUN_COLUMNS as C, RUN_SELECT_LIST } from './patrol-run.columns.js';
import { PatrolRunEntity } from './patrol-run.entity.js';
import { checkpointsIn, runFromTuple, type CheckpointTuple, type RunTuple } from './patrol-run.tuple.js';

type Queryable = Pick<EntityManager, 'query'>;

// Plain SQL on purpose: these run once per patrol command (scans are the busiest durable
// command), and the query builder cost more CPU than everything else the command does.
const SELECT_RUN = `SELECT ${RUN_SELECT_LIST} FROM patrol_runs r`;

/** The columns of the scan's tuple, laid out as the statement has always been (its prepared name). */
const TUPLE_LINES = [0, 5, 10, 16, PATROL_RUN_FIELDS.length];
const TUPLE_LIST = TUPLE_LINES.slice(1)
  .map((end, i) =>
    PATROL_RUN_FIELDS.slice(TUPLE_LINES[i], end)
      .map((f) => `r.${C[f]}`)
      .join(', '),
  )
  .join(',\n    ');

/**
 * A scan's prefetch: the run locked, with its route's checkpoints, as one json array in one column.
 * Why one array: node-postgres sets up a parser per column of every result (twenty here), parses
 * uuid[] and timestamp text in JavaScript, and PostgreSQL builds json arrays more cheaply than
 * jsonb objects. The order of the fields is PATROL_RUN_COLUMNS', then the checkpoints.
 */
export const RUN_WITH_ROUTE_SQL = `SELECT json_build_array(${TUPLE_LIST},
    (SELECT coalesce(json_agg(json_build_array(c.id, c.name, c.code, c.location, c.radius_m)), '[]'::json)
       FROM checkpoints c WHERE c.id = ANY(r.checkpoint_ids))) AS run
  FROM patrol_runs r WHERE r.id = $1 FOR UPDATE OF r`;

/** The scan's progress, written by the command's final statement. */
const PROGRESS_SQL = `UPDATE patrol_runs SET scanned_ids = $2, last_progress_at = $3, gap_alert_base = $4,
         gap_alert_missed = $5 WHERE id = $1`;

/** Every statement on patrol_runs. */
export const PatrolRuns = {
  /** The run locked for a command, or undefined. */
  async lock(tx: Queryable, runId: string): Promise<PatrolRunEntity | undefined> {
    const [run] = (await tx.query(`${SELECT_RUN} WHERE r.id = $1 FOR UPDATE`, [runId])) as PatrolRunEntity[];
    return run;
  },

  /** Locks the guard's run in progress, if any (at most one: patrol_runs_one_active_per_guard). */
  async lockActiveOf(tx: Queryable, guardId: string): Promise<PatrolRunEntity | undefined> {
    const [run] = (await tx.query(
      `${SELECT_RUN} WHERE r.guard_id = $1 AND r.status = 'IN_PROGRESS' FOR UPDATE`,
      [guardId],
    )) as PatrolRunEntity[];
    return run;
  },

  /**
   * Locks up to `limit` runs still in progress whose shift has ended (for a run without a shift_id:
   * whose guard has no open shift received before it; see PatrolRunEnder), skipping runs a command
   * or another node holds (the next sweep gets them).
   */
  async lockOfEndedShifts(tx: Queryable, limit: number): Promise<PatrolRunEntity[]> {
    return (await tx.query(
      `${SELECT_RUN}
      WHERE r.status = 'IN_PROGRESS' AND (${ActiveShifts.sql.hasEnded('r.shift_id')}
        OR (r.shift_id IS NULL AND NOT ${ActiveShifts.sql.openReceivedBy('r.guard_id', 'r.started_at')}))
      ORDER BY r.started_at LIMIT $1 FOR UPDATE OF r SKIP LOCKED`,
      [limit],
    )) as PatrolRunEntity[];
  },

  /**
   * The run locked without waiting (a command holding it may be waiting for the caller's timer
   * row); `busy` when another transaction holds a run still in progress.
   */
  async lockNowait(
    tx: EntityManager,
    runId: string,
  ): Promise<{ run: PatrolRunEntity | null; busy: boolean }> {
    const repo = tx.getRepository(PatrolRunEntity);
    const run = await repo.findOne({
      where: { id: runId },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
    if (run) return { run, busy: false };
    return { run: null, busy: await repo.existsBy({ id: runId, status: 'IN_PROGRESS' }) };
  },

  /** lock() plus the route's checkpoints, as a command's `prefetch` (sent with BEGIN). */
  lockWithRouteQuery(runId: string): QueryConfig {
    return preparedQuery(RUN_WITH_ROUTE_SQL, [runId]);
  },

  /** The run and its route's checkpoints in lockWithRouteQuery's rows (no run: not found). */
  withRouteIn(rows: QueryResultRow[]): { run: PatrolRunEntity; checkpoints: CheckpointTuple[] } | undefined {
    const tuple = (rows[0] as { run: RunTuple } | undefined)?.run;
    return tuple && { run: runFromTuple(tuple), checkpoints: checkpointsIn(tuple) };
  },

  async insert(
    tx: EntityManager,
    run: Omit<
      PatrolRunEntity,
      | 'id'
      | 'createdAt'
      | 'completedAt'
      | 'skippedIds'
      | 'endedBy'
      | 'gapAlertBase'
      | 'gapAlertMissed'
      | 'overdueAlertedAt'
    >,
  ): Promise<PatrolRunEntity> {
    const runs = tx.getRepository(PatrolRunEntity);
    return runs.save(runs.create(run));
  },

  /** Stores the run's end (status, completedAt, skippedIds, endedBy). */
  async saveEnd(tx: Queryable, run: PatrolRunEntity): Promise<void> {
    await tx.query(
      `UPDATE patrol_runs SET status = $2, completed_at = $3, skipped_ids = $4, ended_by = $5 WHERE id = $1`,
      [run.id, run.status, run.completedAt, run.skippedIds, run.endedBy],
    );
  },

  async linkShift(tx: Queryable, runId: string, shiftId: string): Promise<void> {
    await tx.query('UPDATE patrol_runs SET shift_id = $2 WHERE id = $1', [runId, shiftId]);
  },

  /** Stores the run's progress (scannedIds, lastProgressAt, gap alert) with the command's commit. */
  deferProgress(uow: UnitOfWork, run: PatrolRunEntity): void {
    uow.defer(PROGRESS_SQL, [
      run.id,
      run.scannedIds,
      run.lastProgressAt,
      run.gapAlertBase,
      run.gapAlertMissed,
    ]);
  },

  async saveGapAlert(tx: Queryable, run: PatrolRunEntity): Promise<void> {
    await tx.query('UPDATE patrol_runs SET gap_alert_base = $2, gap_alert_missed = $3 WHERE id = $1', [
      run.id,
      run.gapAlertBase,
      run.gapAlertMissed,
    ]);
  },

  async saveOverdueAlert(tx: Queryable, run: PatrolRunEntity): Promise<void> {
    await tx.query('UPDATE patrol_runs SET overdue_alerted_at = $2 WHERE id = $1', [
      run.id,
      run.overdueAlertedAt,
    ]);
  },

  /** A run (history included) that records the checkpoint, if any. */
  async anyRecording(tx: Queryable, checkpointId: string): Promise<string | undefined> {
    const [run] = (await tx.query('SELECT id FROM patrol_runs WHERE $1 = ANY(checkpoint_ids) LIMIT 1', [
      checkpointId,
    ])) as { id: string }[];
    return run?.id;
  },

  /** A run made on the route, one in progress first, if any. */
  async anyOfRoute(tx: Queryable, routeId: string): Promise<{ id: string; status: string } | undefined> {
    const [run] = (await tx.query(
      'SELECT id, status FROM patrol_runs WHERE route_id = $1 ORDER BY status DESC LIMIT 1',
      [routeId],
    )) as { id: string; status: string }[];
    return run;
  },

  /** Runs in progress per site (dashboard stats). */
  inProgressBySite(db: Queryable): Promise<Map<string, number>> {
    return countsBySite(
      db,
      `SELECT site_id, count(*)::int AS n FROM patrol_runs WHERE status = 'IN_PROGRESS' GROUP BY site_id`,
    );
  },

  /** Runs in progress past their expected duration, or already reported overdue, per site. */
  overdueBySite(db: Queryable): Promise<Map<string, number>> {
    return countsBySite(
      db,
      `SELECT site_id, count(*)::int AS n FROM patrol_runs
        WHERE status = 'IN_PROGRESS' AND (overdue_alerted_at IS NOT NULL
           OR started_at + expected_duration_minutes * interval '1 minute' < now()) GROUP BY site_id`,
    );
  },
};
