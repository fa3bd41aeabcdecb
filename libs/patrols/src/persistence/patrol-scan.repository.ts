import type { UnitOfWork } from '#realtime';
import type { ScanResult } from '../domain/scan-classification.js';

/** A scan row in INSERT_SQL's order (a labelled tuple: the scan path builds no other object). */
export type ScanRow = [
  id: string,
  runId: string,
  checkpointId: string | null,
  code: string,
  result: ScanResult,
  /** JSON text of the device's location, or null. */
  location: string | null,
  distanceM: number | null,
  recordedAt: Date,
  receivedAt: Date,
];

const INSERT_SQL = `INSERT INTO patrol_scans (id, run_id, checkpoint_id, code, result, location, distance_m,
           recorded_at, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** Every statement on patrol_scans. */
export const PatrolScans = {
  /** Stores the scan with the command's commit (nothing in the command reads it back). */
  deferInsert(uow: UnitOfWork, row: ScanRow): void {
    uow.defer(INSERT_SQL, row);
  },
};
