import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Realtime1732200001000 implements MigrationInterface {
  name = 'Realtime1732200001000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stream_heads (stream text PRIMARY KEY, head bigint NOT NULL)`);
    await q.query(`CREATE TABLE stream_events (
      stream text NOT NULL,
      seq bigint NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      site_id uuid,
      actor jsonb NOT NULL,
      data jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (stream, seq))`);
    await q.query(`CREATE INDEX stream_events_recorded_idx ON stream_events (recorded_at)`);
    await q.query(`CREATE INDEX stream_events_event_idx ON stream_events (event_id)`);
    await q.query(`CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL,
      client_event_id uuid NOT NULL,
      command text NOT NULL,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, client_event_id))`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      user_id uuid,
      socket_id text,
      remote text,
      event text NOT NULL,
      result text NOT NULL,
      code text,
      payload jsonb,
      details jsonb)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC)`);
    await q.query(`CREATE TABLE timers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      ref text NOT NULL,
      due_at timestamptz NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, ref))`);
    await q.query(`CREATE INDEX timers_due_idx ON timers (due_at)`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const t of ['timers', 'audit_log', 'idempotency_keys', 'stream_events', 'stream_heads'])
      await q.query(`DROP TABLE ${t}`);
  }
}
