import { AppError, type Principal } from '#core';
import type { EntityManager } from 'typeorm';
import { isInProgress } from '../domain/patrol-run.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';

// Plain SQL on purpose: these run once per patrol command (scans are the busiest durable
// command), and the query builder cost more CPU than everything else the command does.
const RUN_COLUMNS = `r.id, r.route_id AS "routeId", r.site_id AS "siteId", r.guard_id AS "guardId",
  r.shift_id AS "shiftId", r.status,
  r.checkpoint_ids AS "checkpointIds", r.scanned_ids AS "scannedIds",
  r.expected_duration_minutes AS "expectedDurationMinutes", r.max_gap_minutes AS "maxGapMinutes",
  r.started_at AS "startedAt", r.last_progress_at AS "lastProgressAt", r.completed_at AS "completedAt",
  r.skipped_ids AS "skippedIds", r.ended_by AS "endedBy", r.gap_alert_base AS "gapAlertBase",
  r.gap_alert_missed AS "gapAlertMissed",
  r.overdue_alerted_at AS "overdueAlertedAt", r.created_at AS "createdAt"`;

/** NOT_FOUND, FORBIDDEN (another guard's) or CONFLICT (no longer in progress), else the run. */
export function checkOwnInProgress(run: PatrolRunEntity | undefined, me: Principal): PatrolRunEntity {
  if (!run) throw AppError.notFound('Patrol run');
  if (run.guardId !== me.userId)
    throw AppError.forbidden('This patrol run belongs to another guard', { reason: 'NOT_YOUR_RUN' });
  if (!isInProgress(run))
    throw AppError.conflict(`Patrol run is ${run.status}`, { patrolRunId: run.id, status: run.status });
  return run;
}

/**
 * Locks a patrol run for a command of its guard: NOT_FOUND when it does not exist, FORBIDDEN
 * when it is another guard's, CONFLICT when it is no longer in progress.
 */
export async function lockOwnRunInProgress(
  tx: EntityManager,
  me: Principal,
  runId: string,
): Promise<PatrolRunEntity> {
  const [run] = (await tx.query(`SELECT ${RUN_COLUMNS} FROM patrol_runs r WHERE r.id = $1 FOR UPDATE`, [
    runId,
  ])) as PatrolRunEntity[];
  return checkOwnInProgress(run, me);
}

/** Locks the guard's run in progress, if any (at most one: patrol_runs_one_active_per_guard). */
export async function lockActiveRunOf(
  tx: EntityManager,
  guardId: string,
): Promise<PatrolRunEntity | undefined> {
  const [run] = (await tx.query(
    `SELECT ${RUN_COLUMNS} FROM patrol_runs r WHERE r.guard_id = $1 AND r.status = 'IN_PROGRESS' FOR UPDATE`,
    [guardId],
  )) as PatrolRunEntity[];
  return run;
}

/**
 * Locks up to `limit` runs still in progress whose shift has ended (for a run without a shift_id:
 * whose guard has no open shift received before it; see PatrolRunEnder), skipping runs a command
 * or another node holds (the next sweep gets them).
 */
export async function lockRunsOfEndedShifts(tx: EntityManager, limit: number): Promise<PatrolRunEntity[]> {
  return (await tx.query(
    `SELECT ${RUN_COLUMNS} FROM patrol_runs r LEFT JOIN shifts s ON s.id = r.shift_id
      WHERE r.status = 'IN_PROGRESS' AND (s.ended_at IS NOT NULL OR (r.shift_id IS NULL AND NOT EXISTS (
        SELECT 1 FROM shifts o WHERE o.guard_id = r.guard_id AND o.ended_at IS NULL
          AND o.started_received_at <= r.started_at)))
      ORDER BY r.started_at LIMIT $1 FOR UPDATE OF r SKIP LOCKED`,
    [limit],
  )) as PatrolRunEntity[];
}
