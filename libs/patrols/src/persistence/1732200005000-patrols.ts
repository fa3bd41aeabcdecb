import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checkpoints (QR/NFC tags) of a site, patrol routes (ordered checkpoints), patrol runs (one
 * active per guard) and every scan with its device and server time.
 */
export class Patrols1732200005000 implements MigrationInterface {
  name = 'Patrols1732200005000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE checkpoints (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      name text NOT NULL,
      code text NOT NULL,
      location jsonb NOT NULL,
      radius_m integer NOT NULL CHECK (radius_m > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (site_id, code))`);
    await q.query(`CREATE TABLE patrol_routes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      name text NOT NULL,
      checkpoint_ids uuid[] NOT NULL,
      expected_duration_minutes integer NOT NULL CHECK (expected_duration_minutes > 0),
      max_gap_minutes integer NOT NULL CHECK (max_gap_minutes > 0),
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX patrol_routes_site_idx ON patrol_routes (site_id, name)`);
    await q.query(`CREATE TABLE patrol_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      route_id uuid NOT NULL REFERENCES patrol_routes(id) ON DELETE CASCADE,
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      guard_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('IN_PROGRESS','COMPLETED')),
      checkpoint_ids uuid[] NOT NULL,
      scanned_ids uuid[] NOT NULL DEFAULT '{}',
      expected_duration_minutes integer NOT NULL,
      max_gap_minutes integer NOT NULL,
      started_at timestamptz NOT NULL,
      last_progress_at timestamptz NOT NULL,
      completed_at timestamptz,
      skipped_ids uuid[],
      gap_alert_base timestamptz,
      gap_alert_missed uuid[],
      overdue_alerted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX patrol_runs_one_active_per_guard ON patrol_runs (guard_id) WHERE status = 'IN_PROGRESS'`,
    );
    await q.query(`CREATE INDEX patrol_runs_site_idx ON patrol_runs (site_id, status, started_at DESC)`);
    await q.query(`CREATE TABLE patrol_scans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id uuid NOT NULL REFERENCES patrol_runs(id) ON DELETE CASCADE,
      checkpoint_id uuid REFERENCES checkpoints(id) ON DELETE SET NULL,
      code text NOT NULL,
      result text NOT NULL,
      location jsonb,
      distance_m double precision,
      recorded_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX patrol_scans_run_idx ON patrol_scans (run_id, recorded_at)`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const t of ['patrol_scans', 'patrol_runs', 'patrol_routes', 'checkpoints'])
      await q.query(`DROP TABLE ${t}`);
  }
}
