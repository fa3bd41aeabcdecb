import { Injectable } from '@nestjs/common';
import { deleteInBatches } from '#core';
import { DataSource } from 'typeorm';
import type { Envelope } from '#realtime';
import type { ChannelKind } from '../domain/channel-rules.js';

/** One message to one receiver (a channel's URL or addresses, or one device) to be attempted. */
export interface NewDelivery {
  channelId: string;
  kind: ChannelKind;
  envelope: Envelope;
  deviceId: string | null;
  userId: string | null;
  /** Level-1 panic alerts to devices wait for the receipt window and skip users who confirmed. */
  gatePanicId: string | null;
  notBefore: Date;
}

/** A claimed delivery with what sending needs (the channel's secret never leaves this path). */
export interface DeliveryJob {
  id: string;
  channelId: string;
  eventId: string;
  eventType: string;
  kind: ChannelKind;
  attempt: number;
  envelope: Envelope;
  target: string | string[];
  secret: string | null;
  deviceId: string | null;
  deviceAddress: string | null;
  subscription: unknown;
  userId: string | null;
  gatePanicId: string | null;
}

export interface AttemptRecord {
  status: 'delivered' | 'failed' | 'retrying' | 'skipped';
  httpStatus?: number;
  error?: string;
  /** Next attempt time while retrying. */
  retryAt?: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped below
type Row = Record<string, any>;

/** Rows claimed by one node are invisible to every other poller for this long (a crashed send retries). */
const LEASE_S = 60;

const CLAIM_SQL = `WITH due AS (
    SELECT id FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
     ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE notification_deliveries d SET attempts = d.attempts + 1,
        next_attempt_at = now() + ${LEASE_S} * interval '1 second', updated_at = now()
      FROM due WHERE d.id = due.id RETURNING d.*
  )
  SELECT c.*, ch.target, ch.secret, dv.address, dv.subscription
    FROM claimed c JOIN notification_channels ch ON ch.id = c.channel_id
    LEFT JOIN notification_devices dv ON dv.id = c.device_id`;

const RECORD_SQL = `WITH upd AS (
    UPDATE notification_deliveries SET status = $2, next_attempt_at = COALESCE($3, next_attempt_at),
        updated_at = now() WHERE id = $1 RETURNING id, channel_id, event_id, kind, attempts
  )
  INSERT INTO notification_attempts (delivery_id, channel_id, event_id, kind, attempt, status, http_status, error)
    SELECT id, channel_id, event_id, kind, attempts, $4, $5, $6 FROM upd`;

/** Every SQL statement on notification_deliveries and notification_attempts. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly db: DataSource) {}

  /** Stores deliveries once per (channel, event, device): a repeated enqueue adds nothing. */
  async enqueue(rows: NewDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    const json = rows.map((r) => ({
      channel_id: r.channelId,
      event_id: r.envelope.id,
      event_type: r.envelope.type,
      kind: r.kind,
      device_id: r.deviceId,
      user_id: r.userId,
      gate_panic_id: r.gatePanicId,
      envelope: r.envelope,
      next_attempt_at: r.notBefore.toISOString(),
    }));
    const inserted = (await this.db.query(
      `INSERT INTO notification_deliveries (channel_id, event_id, event_type, kind, device_id, user_id,
          gate_panic_id, envelope, next_attempt_at)
        SELECT channel_id, event_id, event_type, kind, device_id, user_id, gate_panic_id, envelope, next_attempt_at
          FROM jsonb_to_recordset($1::jsonb) AS x(channel_id uuid, event_id uuid, event_type text, kind text,
            device_id uuid, user_id uuid, gate_panic_id uuid, envelope jsonb, next_attempt_at timestamptz)
        ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(json)],
    )) as Row[];
    return inserted.length;
  }

  /** Claims due deliveries for this node (FOR UPDATE SKIP LOCKED: once across nodes). */
  async claim(limit: number): Promise<DeliveryJob[]> {
    const rows = (await this.db.query(CLAIM_SQL, [limit])) as Row[];
    return rows.map((r) => ({
      id: r.id,
      channelId: r.channel_id,
      eventId: r.event_id,
      eventType: r.event_type,
      kind: r.kind,
      attempt: Number(r.attempts),
      envelope: r.envelope,
      target: r.target,
      secret: r.secret,
      deviceId: r.device_id,
      deviceAddress: r.address,
      subscription: r.subscription,
      userId: r.user_id,
      gatePanicId: r.gate_panic_id,
    }));
  }

  /** Writes the attempt's outcome and its row in the attempt log, in one statement. */
  async record(id: string, a: AttemptRecord): Promise<void> {
    const status = a.status === 'retrying' ? 'pending' : a.status;
    await this.db.query(RECORD_SQL, [
      id,
      status,
      a.retryAt ?? null,
      a.status,
      a.httpStatus ?? null,
      a.error?.slice(0, 500) ?? null,
    ]);
  }

  /** Puts a claimed delivery back without counting an attempt (its gate is not open yet). */
  async postpone(id: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET attempts = attempts - 1, next_attempt_at = $2, updated_at = now()
        WHERE id = $1`,
      [id, at],
    );
  }

  /** Deletes delivered, failed and skipped deliveries last touched before `before` (attempts cascade). */
  async pruneFinishedBefore(before: Date): Promise<number> {
    return deleteInBatches(this.db, 'notification_deliveries', `status <> 'pending' AND updated_at < $1`, [
      before,
    ]);
  }

  async listAttempts(f: { eventId?: string; channelId?: string }, offset: number, limit: number) {
    const rows = (await this.db.query(
      `SELECT a.id, a.delivery_id, a.channel_id, a.event_id, a.kind, a.attempt, a.status, a.http_status,
          a.error, a.at, count(*) OVER () AS total
         FROM notification_attempts a
        WHERE ($1::uuid IS NULL OR a.event_id = $1) AND ($2::uuid IS NULL OR a.channel_id = $2)
        ORDER BY a.at, a.attempt OFFSET $3 LIMIT $4`,
      [f.eventId ?? null, f.channelId ?? null, offset, limit],
    )) as Row[];
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: r.id as string,
        deliveryId: r.delivery_id as string,
        channelId: r.channel_id as string,
        eventId: r.event_id as string,
        kind: r.kind as string,
        attempt: Number(r.attempt),
        status: r.status as string,
        httpStatus: r.http_status === null ? null : Number(r.http_status),
        error: r.error as string | null,
        at: new Date(r.at).toISOString(),
      })),
    };
  }
}
