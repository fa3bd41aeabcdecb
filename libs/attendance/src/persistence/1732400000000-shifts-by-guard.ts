import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A guard's shifts by start time. Other features also read the shift a guard was in at a given
 * time: `SELECT ... FROM shifts WHERE guard_id = $1 AND started_at <= $2 ORDER BY started_at DESC
 * LIMIT 1` (patrols: the shift a run was walked in).
 */
export class ShiftsByGuard1732400000000 implements MigrationInterface {
  name = 'ShiftsByGuard1732400000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX shifts_guard_started_idx ON shifts (guard_id, started_at DESC)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX shifts_guard_started_idx');
  }
}
