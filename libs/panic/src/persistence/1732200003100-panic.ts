import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Panics; one active (RAISED or ACKNOWLEDGED) panic per guard, enforced by a partial unique index. */
export class Panic1732200003100 implements MigrationInterface {
  name = 'Panic1732200003100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE panics (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      guard_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('PANIC','MEDICAL','FIRE','SECURITY','GENERAL')),
      status text NOT NULL CHECK (status IN ('RAISED','ACKNOWLEDGED','RESOLVED')),
      location jsonb NOT NULL,
      battery_level smallint CHECK (battery_level BETWEEN 0 AND 100),
      message text,
      patrol_run_id uuid,
      raised_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id) ON DELETE SET NULL,
      resolved_at timestamptz,
      resolved_by uuid REFERENCES users(id) ON DELETE SET NULL,
      notes text,
      escalation_level smallint NOT NULL DEFAULT 1 CHECK (escalation_level BETWEEN 1 AND 3),
      confirmed_by jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX panics_one_active_per_guard ON panics (guard_id) WHERE status IN ('RAISED','ACKNOWLEDGED')`,
    );
    await q.query(`CREATE INDEX panics_site_idx ON panics (site_id, raised_at DESC)`);
    await q.query(`CREATE INDEX panics_status_idx ON panics (status, raised_at DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE panics');
  }
}
