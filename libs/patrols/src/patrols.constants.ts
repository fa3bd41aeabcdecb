/** Durable event types of the patrols feature (docs/protocol.md section 4). */
export const PatrolEventTypes = {
  started: 'patrol_started',
  scanned: 'checkpoint_scanned',
  completed: 'patrol_completed',
  timeout: 'patrol_timeout',
  /** Addition to the contract: a late-delivered offline scan proved a CHECKPOINT_MISSED wrong. */
  timeoutCleared: 'patrol_timeout_cleared',
} as const;

/** Timer kinds (rows in `timers`, ref = patrol run id). */
export const PatrolTimers = {
  gap: 'patrol.gap',
  overdue: 'patrol.overdue',
  /** One row (ref `all`): ends runs whose shift has ended (PatrolShiftSweep). */
  shiftSweep: 'patrol.shift-sweep',
} as const;
export const PATROL_TIMER_KINDS = [PatrolTimers.gap, PatrolTimers.overdue];
