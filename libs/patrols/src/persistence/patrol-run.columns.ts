import type { PatrolRunEntity } from './patrol-run.entity.js';

/**
 * Every column of patrol_runs by the field it fills, in the order of the scan's json tuple: the one
 * place that names them (the migrations aside, which are history). The entity, the select lists
 * and the tuple decoder all derive from it.
 */
export const PATROL_RUN_COLUMNS = {
  id: 'id',
  routeId: 'route_id',
  siteId: 'site_id',
  guardId: 'guard_id',
  shiftId: 'shift_id',
  status: 'status',
  checkpointIds: 'checkpoint_ids',
  scannedIds: 'scanned_ids',
  expectedDurationMinutes: 'expected_duration_minutes',
  maxGapMinutes: 'max_gap_minutes',
  startedAt: 'started_at',
  lastProgressAt: 'last_progress_at',
  completedAt: 'completed_at',
  skippedIds: 'skipped_ids',
  endedBy: 'ended_by',
  gapAlertBase: 'gap_alert_base',
  gapAlertMissed: 'gap_alert_missed',
  overdueAlertedAt: 'overdue_alerted_at',
  createdAt: 'created_at',
} as const satisfies Record<keyof PatrolRunEntity, string>;

export type PatrolRunField = keyof typeof PATROL_RUN_COLUMNS;

/** The fields in column order: the slots of a run's json tuple. */
export const PATROL_RUN_FIELDS = Object.keys(PATROL_RUN_COLUMNS) as PatrolRunField[];

/** `r.<column> AS "<field>"`, every column: rows come back as entities. */
export const RUN_SELECT_LIST = PATROL_RUN_FIELDS.map((f) => `r.${PATROL_RUN_COLUMNS[f]} AS "${f}"`).join(
  ', ',
);
