import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shifts (clock in/out) and scheduled shifts. Other features read the active shift of a guard:
 * `SELECT id, site_id FROM shifts WHERE guard_id = $1 AND ended_at IS NULL` (at most one row).
 */
export class Attendance1732200002000 implements MigrationInterface {
  name = 'Attendance1732200002000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scheduled_shifts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      guard_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX scheduled_shifts_site_idx ON scheduled_shifts (site_id, starts_at)`);
    await q.query(`CREATE INDEX scheduled_shifts_guard_idx ON scheduled_shifts (guard_id, starts_at)`);
    await q.query(`CREATE TABLE shifts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      guard_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      scheduled_shift_id uuid REFERENCES scheduled_shifts(id) ON DELETE SET NULL,
      started_at timestamptz NOT NULL,
      started_received_at timestamptz NOT NULL DEFAULT now(),
      start_location jsonb,
      start_inside_geofence boolean,
      ended_at timestamptz,
      ended_received_at timestamptz,
      end_location jsonb,
      end_inside_geofence boolean,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX shifts_one_active_per_guard ON shifts (guard_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX shifts_site_idx ON shifts (site_id, started_at)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE shifts');
    await q.query('DROP TABLE scheduled_shifts');
  }
}
