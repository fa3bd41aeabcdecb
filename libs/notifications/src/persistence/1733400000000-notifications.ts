import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels, users' push devices, deliveries (one row per message to one receiver, its
 * attempts counter and next attempt time: claimed with SKIP LOCKED by the delivery poller) and the
 * log of every attempt (GET /notification-deliveries).
 */
export class Notifications1733400000000 implements MigrationInterface {
  name = 'Notifications1733400000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification_channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('webhook','email','webpush','fcm')),
      target jsonb NOT NULL,
      site_ids uuid[],
      events text[] NOT NULL,
      min_level smallint NOT NULL DEFAULT 1 CHECK (min_level BETWEEN 1 AND 3),
      secret text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE notification_devices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('webpush','fcm')),
      address text NOT NULL,
      subscription jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, address))`);
    await q.query(`CREATE INDEX notification_devices_user_idx ON notification_devices (user_id)`);
    await q.query(`CREATE TABLE notification_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      kind text NOT NULL,
      device_id uuid REFERENCES notification_devices(id) ON DELETE SET NULL,
      user_id uuid,
      gate_panic_id uuid,
      envelope jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed','skipped')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    // Planned once per (channel, event) and per device; a removed device's rows (device_id set to
    // null) keep their history without colliding with each other.
    await q.query(`CREATE UNIQUE INDEX notification_deliveries_once_per_device ON notification_deliveries
      (channel_id, event_id, device_id) WHERE device_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX notification_deliveries_once_per_channel ON notification_deliveries
      (channel_id, event_id) WHERE kind IN ('webhook', 'email')`);
    await q.query(`CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
      WHERE status = 'pending'`);
    await q.query(`CREATE TABLE notification_attempts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      delivery_id uuid NOT NULL REFERENCES notification_deliveries(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL,
      event_id uuid NOT NULL,
      kind text NOT NULL,
      attempt int NOT NULL,
      status text NOT NULL,
      http_status int,
      error text,
      at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX notification_attempts_event_idx ON notification_attempts (event_id, at)`);
    await q.query(`CREATE INDEX notification_attempts_channel_idx ON notification_attempts (channel_id, at)`);
    // The cascade from a pruned delivery finds its attempts through this, not a scan per row.
    await q.query(`CREATE INDEX notification_attempts_delivery_idx ON notification_attempts (delivery_id)`);
    await q.query(
      `CREATE INDEX notification_deliveries_finished_idx ON notification_deliveries (updated_at) WHERE status <> 'pending'`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notification_attempts', 'notification_deliveries', 'notification_devices'])
      await q.query(`DROP TABLE ${t}`);
    await q.query('DROP TABLE notification_channels');
  }
}
