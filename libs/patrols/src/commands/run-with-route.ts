import type { Principal } from '#core';
import { preparedQuery } from '#realtime';
import type { QueryConfig, QueryResultRow } from 'pg';
import type { PatrolRunEnding, PatrolRunStatus } from '../domain/patrol-run.js';
import type { CheckpointEntity } from '../persistence/checkpoint.entity.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';
import { checkOwnInProgress } from './own-run.js';

/**
 * A scan's prefetch: the run locked, with its route's checkpoints, as one json array in one column.
 * Why one array: node-postgres sets up a parser per column of every result (twenty here), parses
 * uuid[] and timestamp text in JavaScript, and PostgreSQL builds json arrays more cheaply than
 * jsonb objects. The order of the fields is runFromTuple's.
 */
const RUN_WITH_ROUTE_SQL = `SELECT json_build_array(r.id, r.route_id, r.site_id, r.guard_id, r.shift_id,
    r.status, r.checkpoint_ids, r.scanned_ids, r.expected_duration_minutes, r.max_gap_minutes,
    r.started_at, r.last_progress_at, r.completed_at, r.skipped_ids, r.ended_by, r.gap_alert_base,
    r.gap_alert_missed, r.overdue_alerted_at, r.created_at,
    (SELECT coalesce(json_agg(json_build_array(c.id, c.name, c.code, c.location, c.radius_m)), '[]'::json)
       FROM checkpoints c WHERE c.id = ANY(r.checkpoint_ids))) AS run
  FROM patrol_runs r WHERE r.id = $1 FOR UPDATE OF r`;

/** A checkpoint of the run's route, as a scan reads it. */
export type ScanCheckpoint = Pick<CheckpointEntity, 'id' | 'name' | 'code' | 'location' | 'radiusM'>;

type CheckpointTuple = [string, string, string, CheckpointEntity['location'], number];
type Stamp = string | null;
type RunTuple = [
  string,
  string,
  string,
  string,
  string | null,
  PatrolRunStatus,
  string[],
  string[],
  number,
  number,
  string,
  string,
  Stamp,
  string[] | null,
  PatrolRunEnding | null,
  Stamp,
  string[] | null,
  Stamp,
  string,
  CheckpointTuple[],
];

const dateOrNull = (s: Stamp): Date | null => (s === null ? null : new Date(s));

function runFromTuple(t: RunTuple): PatrolRunEntity {
  return {
    id: t[0],
    routeId: t[1],
    siteId: t[2],
    guardId: t[3],
    shiftId: t[4],
    status: t[5],
    checkpointIds: t[6],
    scannedIds: t[7],
    expectedDurationMinutes: t[8],
    maxGapMinutes: t[9],
    startedAt: new Date(t[10]),
    lastProgressAt: new Date(t[11]),
    completedAt: dateOrNull(t[12]),
    skippedIds: t[13],
    endedBy: t[14],
    gapAlertBase: dateOrNull(t[15]),
    gapAlertMissed: t[16],
    overdueAlertedAt: dateOrNull(t[17]),
    createdAt: new Date(t[18]),
  };
}

/** lockOwnRunInProgress plus the run's checkpoints, as the command's `prefetch` (sent with BEGIN). */
export const lockRunWithRouteQuery = (runId: string): QueryConfig =>
  preparedQuery(RUN_WITH_ROUTE_SQL, [runId]);

/**
 * The run in lockRunWithRouteQuery's rows, checked as lockOwnRunInProgress checks it, and its
 * checkpoints in route order.
 */
export function ownRunWithRoute(
  rows: QueryResultRow[],
  me: Principal,
): { run: PatrolRunEntity; route: ScanCheckpoint[] } {
  const tuple = (rows[0] as { run: RunTuple } | undefined)?.run;
  const owned = checkOwnInProgress(tuple ? runFromTuple(tuple) : undefined, me);
  const byId = new Map<string, ScanCheckpoint>(
    tuple![19].map(([id, name, code, location, radiusM]) => [id, { id, name, code, location, radiusM }]),
  );
  const route = owned.checkpointIds.map((id) => byId.get(id)).filter((c): c is ScanCheckpoint => !!c);
  return { run: owned, route };
}
