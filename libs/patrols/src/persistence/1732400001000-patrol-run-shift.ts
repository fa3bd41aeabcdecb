import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run belongs to the shift it was started in (`shift_id`), and records who ended it (`ended_by`):
 * its guard (`complete_patrol`) or the end of that shift (a guard who clocks out mid-patrol). Runs
 * completed before were all ended by their guard; a run's shift, for runs from before, is the
 * guard's latest shift the server had received when the run started.
 */
export class PatrolRunShift1732400001000 implements MigrationInterface {
  name = 'PatrolRunShift1732400001000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE patrol_runs ADD COLUMN ended_by text CHECK (ended_by IN ('GUARD','SHIFT_END')),
         ADD COLUMN shift_id uuid REFERENCES shifts(id) ON DELETE SET NULL`,
    );
    await q.query(`UPDATE patrol_runs SET ended_by = 'GUARD' WHERE status = 'COMPLETED'`);
    await q.query(`UPDATE patrol_runs r SET shift_id = (
        SELECT s.id FROM shifts s WHERE s.guard_id = r.guard_id AND s.started_received_at <= r.started_at
         ORDER BY s.started_received_at DESC LIMIT 1)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE patrol_runs DROP COLUMN shift_id, DROP COLUMN ended_by');
  }
}
