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
 * When a run in progress must end because the shift it was started in did, or null while that
 * shift is open (or unknown). The clock-out is the earlier of the device's and the server's time
 * (a phone clock running ahead cannot date it later than it arrived), and the run never ends
 * before it started or before its last counted scan.
 */
export function endOfRunShift(
  run: { startedAt: Date; lastProgressAt: Date },
  shift: { endedAt: Date | null; endedReceivedAt: Date | null } | undefined,
): Date | null {
  if (!shift?.endedAt) return null;
  const received = shift.endedReceivedAt ?? shift.endedAt;
  const clockOut = shift.endedAt < received ? shift.endedAt : received;
  return new Date(Math.max(clockOut.getTime(), lastActivityOf(run).getTime()));
}

/** The last thing known to have happened in a run: its last counted scan, else its start. */
export const lastActivityOf = (run: { startedAt: Date; lastProgressAt: Date }): Date =>
  run.lastProgressAt > run.startedAt ? run.lastProgressAt : run.startedAt;
