/**
 * Patrol deadlines, all from device time. A "minute" of route settings lasts `minuteMs`
 * (PATROL_MINUTE_MS, 60000 outside tests).
 */

/** When the next checkpoint is missed: maxGap after the latest counted scan (or the start). */
export const gapDeadline = (lastProgressAt: Date, maxGapMinutes: number, minuteMs: number): Date =>
  new Date(lastProgressAt.getTime() + maxGapMinutes * minuteMs);

/** When the run is overdue: expectedDuration after its start. */
export const overdueDeadline = (startedAt: Date, expectedDurationMinutes: number, minuteMs: number): Date =>
  new Date(startedAt.getTime() + expectedDurationMinutes * minuteMs);

/**
 * The checkpoints missed when the gap deadline has passed: one per whole gap elapsed since the
 * last progress (a timer fired late, after a restart, names every checkpoint it should have),
 * at least one, never more than remain.
 */
export function missedAtGap<T>(
  remaining: readonly T[],
  lastProgressAt: Date,
  now: Date,
  maxGapMinutes: number,
  minuteMs: number,
): T[] {
  const gapMs = maxGapMinutes * minuteMs;
  const gaps = Math.max(1, Math.floor((now.getTime() - lastProgressAt.getTime()) / gapMs));
  return remaining.slice(0, gaps);
}

/**
 * A scan made on an offline phone and delivered after a CHECKPOINT_MISSED was raised proves the
 * miss wrong when it was recorded inside that gap (after its base, by its deadline).
 */
export function scanDisprovesMiss(
  alertBase: Date | null,
  recordedAt: Date,
  maxGapMinutes: number,
  minuteMs: number,
): boolean {
  if (!alertBase) return false;
  const t = recordedAt.getTime();
  return t > alertBase.getTime() && t <= gapDeadline(alertBase, maxGapMinutes, minuteMs).getTime();
}

interface GapState {
  checkpointIds: string[];
  scannedIds: string[];
  lastProgressAt: Date;
  maxGapMinutes: number;
  gapAlertBase: Date | null;
}
interface OverdueState {
  startedAt: Date;
  expectedDurationMinutes: number;
  overdueAlertedAt: Date | null;
}
export type DeadlineDecision =
  { kind: 'none' } | { kind: 'rearm'; at: Date } | { kind: 'raise'; missed: string[] };

/**
 * What a firing gap timer does: nothing when every checkpoint is counted or this gap was already
 * reported; re-arm when a scan (device time) moved the deadline; else raise CHECKPOINT_MISSED.
 */
export function decideGap(run: GapState, now: Date, minuteMs: number): DeadlineDecision {
  const remaining = run.checkpointIds.filter((id) => !run.scannedIds.includes(id));
  if (!remaining.length) return { kind: 'none' };
  const deadline = gapDeadline(run.lastProgressAt, run.maxGapMinutes, minuteMs);
  if (deadline > now) return { kind: 'rearm', at: deadline };
  if (run.gapAlertBase?.getTime() === run.lastProgressAt.getTime()) return { kind: 'none' };
  return {
    kind: 'raise',
    missed: missedAtGap(remaining, run.lastProgressAt, now, run.maxGapMinutes, minuteMs),
  };
}

/** What a firing overdue timer does: once per run, when the expected duration has passed. */
export function decideOverdue(
  run: OverdueState & { checkpointIds: string[]; scannedIds: string[] },
  now: Date,
  minuteMs: number,
): DeadlineDecision {
  if (run.overdueAlertedAt) return { kind: 'none' };
  const deadline = overdueDeadline(run.startedAt, run.expectedDurationMinutes, minuteMs);
  if (deadline > now) return { kind: 'rearm', at: deadline };
  return { kind: 'raise', missed: run.checkpointIds.filter((id) => !run.scannedIds.includes(id)) };
}
