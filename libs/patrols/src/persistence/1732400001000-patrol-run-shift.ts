import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run belongs to the shift it was started in (`shift_id`), and records who ended it (`ended_by`):
 * its guard (`complete_patrol`) or the end of that shift (a guard who clocks out mid-patrol).
 * Runs completed before were all ended by their guard: the column is added with that default, which
 * PostgreSQL records without rewriting the table, and only runs in progress are set back to null.
 * Only runs in progress get a `shift_id`, and only from their guard's open shift received before
 * them (an indexed look-up); any other run in progress belongs to a shift that has ended, which
 * PatrolRunEnder handles for runs without a `shift_id`. Written to be re-run safely: an earlier
 * version of it added `ended_by` and an index on shifts under other names.
 */
export class PatrolRunShift1732400001000 implements MigrationInterface {
  name = 'PatrolRunShift1732400001000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS shifts_guard_started_idx');
    await q.query(
      `ALTER TABLE patrol_runs
         ADD COLUMN IF NOT EXISTS ended_by text DEFAULT 'GUARD' CHECK (ended_by IN ('GUARD','SHIFT_END')),
         ADD COLUMN IF NOT EXISTS shift_id uuid REFERENCES shifts(id) ON DELETE SET NULL`,
    );
    await q.query(`UPDATE patrol_runs SET ended_by = NULL WHERE status = 'IN_PROGRESS'`);
    await q.query('ALTER TABLE patrol_runs ALTER COLUMN ended_by DROP DEFAULT');
    await q.query(`UPDATE patrol_runs r SET shift_id = s.id FROM shifts s
      WHERE r.status = 'IN_PROGRESS' AND r.shift_id IS NULL AND s.guard_id = r.guard_id
        AND s.ended_at IS NULL AND s.started_received_at <= r.started_at`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE patrol_runs DROP COLUMN shift_id, DROP COLUMN ended_by');
  }
}
