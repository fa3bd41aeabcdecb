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
