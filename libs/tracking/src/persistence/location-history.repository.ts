import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Fix } from '../domain/location-filter.js';

/** An accepted fix on its way to the history table. */
export interface HistoryRow extends Fix {
  guardId: string;
  siteId: string;
  shiftId: string;
  /** The command's clientEventId: a retried fix (another node, after a restart) is stored once. */
  clientEventId: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
type Row = Record<string, any>;
const d = (ms: number) => new Date(ms).toISOString();

/** The location_history table: one multi-row insert per flush, range reads, retention. */
@Injectable()
export class LocationHistoryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Writes every row in ONE statement (arrays unnested server-side: no parameter limit); a fix whose
   * clientEventId is already stored for that guard (a retry) is skipped.
   */
  async insertMany(rows: HistoryRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.query(
      `INSERT INTO location_history (guard_id, site_id, shift_id, lat, lng, accuracy, heading, speed,
         battery_level, recorded_at, received_at, client_event_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::float8[], $5::float8[], $6::real[],
         $7::real[], $8::real[], $9::smallint[], $10::timestamptz[], $11::timestamptz[], $12::uuid[])
       ON CONFLICT (guard_id, client_event_id) WHERE client_event_id IS NOT NULL DO NOTHING`,
      [
        rows.map((r) => r.guardId),
        rows.map((r) => r.siteId),
        rows.map((r) => r.shiftId),
        rows.map((r) => r.lat),
        rows.map((r) => r.lng),
        rows.map((r) => r.accuracy),
        rows.map((r) => r.heading),
        rows.map((r) => r.speed),
        rows.map((r) => (r.batteryLevel === null ? null : Math.round(r.batteryLevel))),
        rows.map((r) => d(r.recordedAt)),
        rows.map((r) => d(r.receivedAt)),
        rows.map((r) => r.clientEventId),
      ],
    );
  }

  async history(
    guardId: string,
    from: Date,
    to: Date,
    siteIds: string[] | null,
    limit: number,
    offset: number,
  ) {
    const params: unknown[] = [guardId, from, to];
    let cond = 'guard_id = $1 AND recorded_at >= $2 AND recorded_at < $3';
    if (siteIds) {
      params.push(siteIds);
      cond += ` AND site_id = ANY($${params.length})`;
    }
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM location_history WHERE ${cond}`,
      params,
    )) as { total: number }[];
    const rows = (await this.db.query(
      `SELECT site_id, shift_id, lat, lng, accuracy, heading, speed, battery_level, recorded_at, received_at
         FROM location_history WHERE ${cond} ORDER BY recorded_at, id LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as Row[];
    const items = rows.map((r) => ({
      siteId: r.site_id,
      shiftId: r.shift_id,
      lat: r.lat,
      lng: r.lng,
      accuracy: r.accuracy,
      heading: r.heading,
      speed: r.speed,
      batteryLevel: r.battery_level,
      recordedAt: new Date(r.recorded_at).toISOString(),
      receivedAt: new Date(r.received_at).toISOString(),
    }));
    return { items, total };
  }

  async pruneOlderThan(cutoff: Date): Promise<number> {
    const res = (await this.db.query('DELETE FROM location_history WHERE recorded_at < $1', [cutoff])) as [
      unknown,
      number,
    ];
    return res[1] ?? 0;
  }
}
