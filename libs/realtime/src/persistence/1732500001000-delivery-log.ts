import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets every node follow the event log without Redis (LogFollower, SessionControls):
 * - a statement-level trigger on `stream_events` that NOTIFYs `ps_stream_events` at commit with
 *   the highest seq each stream reached (`stream seq` pairs joined by commas), or an empty payload
 *   when that list passes NOTIFY's 8000-byte limit (listeners then check every stream they follow);
 * - `session_controls`: revocations, role and site changes and new sites, one row each, read by
 *   every node (NOTIFY `ps_session_controls` as the wake-up, a poll of recent rows as the guarantee).
 */
export class DeliveryLog1732500001000 implements MigrationInterface {
  name = 'DeliveryLog1732500001000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ps_notify_stream_events() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE payload text;
      BEGIN
        SELECT string_agg(stream || ' ' || top, ',') INTO payload
          FROM (SELECT stream, max(seq) AS top FROM appended GROUP BY stream) t;
        IF payload IS NULL THEN RETURN NULL; END IF;
        IF octet_length(payload) > 7900 THEN payload := ''; END IF;
        PERFORM pg_notify('ps_stream_events', payload);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER stream_events_notify AFTER INSERT ON stream_events
      REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION ps_notify_stream_events()`);
    await q.query(`CREATE TABLE session_controls (
      id bigserial PRIMARY KEY,
      kind text NOT NULL,
      user_id uuid,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await q.query('CREATE INDEX session_controls_created_idx ON session_controls (created_at)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE session_controls');
    await q.query('DROP TRIGGER stream_events_notify ON stream_events');
    await q.query('DROP FUNCTION ps_notify_stream_events()');
  }
}
