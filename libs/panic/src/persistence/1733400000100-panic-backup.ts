import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The guards a panic asked for backup (docs/protocol.md section 11), nearest first. */
export class PanicBackup1733400000100 implements MigrationInterface {
  name = 'PanicBackup1733400000100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE panics ADD COLUMN backup_notified jsonb NOT NULL DEFAULT '[]'`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE panics DROP COLUMN backup_notified');
  }
}
