import type { MigrationInterface, QueryRunner } from 'typeorm';

/** users.token_epoch: access tokens of an older epoch are refused (password change, see token-epoch.ts). */
export class TokenEpoch1733300023000 implements MigrationInterface {
  name = 'TokenEpoch1733300023000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_epoch integer NOT NULL DEFAULT 0`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_epoch`);
  }
}
