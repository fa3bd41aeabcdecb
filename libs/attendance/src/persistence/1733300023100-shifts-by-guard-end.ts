import type { MigrationInterface, QueryRunner } from 'typeorm';

/** shift_start looks for a guard's shift ending after the new start (no overlaps): by guard, by end. */
export class ShiftsByGuardEnd1733300023100 implements MigrationInterface {
  name = 'ShiftsByGuardEnd1733300023100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX shifts_guard_ended_idx ON shifts (guard_id, ended_at)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX shifts_guard_ended_idx`);
  }
}
