export const PATROL_RUN_STATUSES = ['IN_PROGRESS', 'COMPLETED'] as const;
export type PatrolRunStatus = (typeof PATROL_RUN_STATUSES)[number];

export interface Progress {
  scanned: number;
  total: number;
}

/** Distinct route checkpoints counted (VALID or OUT_OF_ORDER) out of the route's checkpoints. */
export const progressOf = (run: { checkpointIds: string[]; scannedIds: string[] }): Progress => ({
  scanned: new Set(run.scannedIds.filter((id) => run.checkpointIds.includes(id))).size,
  total: run.checkpointIds.length,
});

/** Route checkpoints not counted yet, in route order (skipped ones once the run is completed). */
export const remainingOf = (run: { checkpointIds: string[]; scannedIds: string[] }): string[] =>
  run.checkpointIds.filter((id) => !run.scannedIds.includes(id));

/** Only a run in progress takes scans, completion, and deadlines. */
export const isInProgress = (run: { status: PatrolRunStatus }): boolean => run.status === 'IN_PROGRESS';

/** Who ended a run: its guard (`complete_patrol`), or the end of the shift it was walked in. */
export const PATROL_RUN_ENDINGS = ['GUARD', 'SHIFT_END'] as const;
export type PatrolRunEnding = (typeof PATROL_RUN_ENDINGS)[number];

/**
 * When a run in progress must end because its shift did, or null while that shift is open. The
 * run's shift is the guard's latest shift started at or before the run (a guard has one open shift
 * at a time); unknown, nothing is decided. The run never ends before it started (a phone clock
 * behind the server's can date the clock-out earlier).
 */
export function endOfRunShift(
  run: { startedAt: Date },
  shift: { startedAt: Date; endedAt: Date | null } | undefined,
): Date | null {
  if (!shift?.endedAt) return null;
  return shift.endedAt > run.startedAt ? shift.endedAt : run.startedAt;
}
