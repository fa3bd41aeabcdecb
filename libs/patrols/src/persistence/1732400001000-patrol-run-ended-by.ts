import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who ended a patrol run: its guard (`complete_patrol`) or the end of its shift (a guard who clocks
 * out mid-patrol). Runs completed before this column existed were all ended by their guard.
 */
export class PatrolRunEndedBy1732400001000 implements MigrationInterface {
  name = 'PatrolRunEndedBy1732400001000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE patrol_runs ADD COLUMN ended_by text CHECK (ended_by IN ('GUARD','SHIFT_END'))`,
    );
    await q.query(`UPDATE patrol_runs SET ended_by = 'GUARD' WHERE status = 'COMPLETED'`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE patrol_runs DROP COLUMN ended_by');
  }
}
