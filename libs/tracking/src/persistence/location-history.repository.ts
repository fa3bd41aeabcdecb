import { Injectable } from '@nestjs/common';
import { deleteInBatches } from '#core';
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

/** The HistoryRow fields insertMany sends (JSON.stringify's allow-list): every one, checked by type. */
const HISTORY_FIELDS = Object.keys({
  guardId: true,
  siteId: true,
  shiftId: true,
  lat: true,
  lng: true,
  accuracy: true,
  heading: true,
  speed: true,
  batteryLevel: true,
  recordedAt: true,
  receivedAt: true,
  clientEventId: true,
} satisfies Record<keyof HistoryRow, true>);

/**
 * A `real` column refuses a positive value below its smallest normal (underflow), and one refused
 * value fails its whole multi-row insert: such values are stored as 0.
 */
const asReal = (column: string) => `(CASE WHEN x.${column} < 1.2e-38 THEN 0 ELSE x.${column} END)::real`;

/** insertMany's statement, built once. */
const INSERT_SQL = `INSERT INTO location_history (guard_id, site_id, shift_id, lat, lng, accuracy, heading, speed,
     battery_level, recorded_at, received_at, client_event_id)
   SELECT x."guardId", x."siteId", x."shiftId", x.lat, x.lng, ${asReal('accuracy')},
          ${asReal('heading')}, ${asReal('speed')}, floor(x."batteryLevel" + 0.5)::smallint,
          to_timestamp(x."recordedAt" / 1000.0), to_timestamp(x."receivedAt" / 1000.0), x."clientEventId"
     FROM json_to_recordset($1::json) AS x("guardId" uuid, "siteId" uuid, "shiftId" uuid, lat float8,
          lng float8, accuracy float8, heading float8, speed float8, "batteryLevel" float8,
          "recordedAt" float8, "receivedAt" float8, "clientEventId" uuid)
   ON CONFLICT (guard_id, client_event_id) WHERE client_event_id IS NOT NULL DO NOTHING`;

/** The location_history table: one multi-row insert per flush, range reads, retention. */
@Injectable()
export class LocationHistoryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Writes every row in ONE statement; a fix whose clientEventId is already stored for that guard (a
   * retry) is skipped. The rows travel as one JSON text read by json_to_recordset: JSON.stringify is
   * native, where twelve parameter arrays were built and escaped element by element in JavaScript
   * (the largest allocation of the 10,000-guard fleet after the socket path).
   */
  async insertMany(rows: HistoryRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.query(INSERT_SQL, [JSON.stringify(rows, HISTORY_FIELDS)]);
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
    return deleteInBatches(this.db, 'location_history', 'recorded_at < $1', [cutoff]);
  }
}
