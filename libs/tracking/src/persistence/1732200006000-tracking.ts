import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Location history (append-only, written by multi-row inserts once per batch window, pruned after
 * the retention period), the watch state of sites (site_unwatched fires once per period) and the
 * clock that lets one node per period send dashboard_stats.
 */
export class Tracking1732200006000 implements MigrationInterface {
  name = 'Tracking1732200006000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE location_history (
      id bigserial PRIMARY KEY,
      guard_id uuid NOT NULL,
      site_id uuid NOT NULL,
      shift_id uuid,
      lat double precision NOT NULL,
      lng double precision NOT NULL,
      accuracy real,
      heading real,
      speed real,
      battery_level smallint,
      recorded_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX location_history_guard_idx ON location_history (guard_id, recorded_at)`);
    await q.query(`CREATE INDEX location_history_recorded_idx ON location_history (recorded_at)`);
    await q.query(`CREATE TABLE site_watch (
      site_id uuid PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
      unwatched_since timestamptz NOT NULL,
      notified_at timestamptz)`);
    // One node per period sends dashboard_stats (the node whose update wins this row).
    await q.query(
      `CREATE TABLE dashboard_stats_clock (id smallint PRIMARY KEY, last_at timestamptz NOT NULL)`,
    );
    await q.query(`INSERT INTO dashboard_stats_clock VALUES (1, '-infinity')`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dashboard_stats_clock');
    await q.query('DROP TABLE site_watch');
    await q.query('DROP TABLE location_history');
  }
}
