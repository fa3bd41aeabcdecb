import type { PatrolRunEnding, PatrolRunStatus } from '../domain/patrol-run.js';
import type { CheckpointEntity } from './checkpoint.entity.js';
import type { PatrolRunEntity } from './patrol-run.entity.js';

/** A checkpoint in the scan's tuple: id, name, code, location, radius. */
export type CheckpointTuple = [string, string, string, CheckpointEntity['location'], number];
type Stamp = string | null;
/** A run as the scan's json tuple carries it: PATROL_RUN_COLUMNS in order, then its checkpoints. */
export type RunTuple = [
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

/**
 * Written out slot by slot (a scan runs it; a loop over the column list costs more): the spec
 * checks it against PATROL_RUN_COLUMNS' order.
 */
export function runFromTuple(t: RunTuple): PatrolRunEntity {
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

/** The route's checkpoints: the slot after the run's columns. */
export const checkpointsIn = (t: RunTuple): CheckpointTuple[] => t[19];
