import { Injectable } from '@nestjs/common';
import { deleteInBatches, readPage } from '#core';
import { DataSource, type EntityManager } from 'typeorm';
import type { Fix } from '../domain/location-filter.js';
import type { LivePosition } from '../queries/live-positions.query.js';

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

const positionOf = (r: Row): LivePosition => ({
  lat: r.lat,
  lng: r.lng,
  accuracy: r.accuracy,
  heading: r.heading,
  speed: r.speed,
  batteryLevel: r.battery_level,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

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
    const { rows, total } = await readPage<Row>(this.db, {
      select: `SELECT site_id, shift_id, lat, lng, accuracy, heading, speed, battery_level, recorded_at, received_at
         FROM location_history`,
      from: 'location_history',
      orderBy: 'recorded_at, id',
      filters: [
        ['guard_id = ?', guardId],
        ['recorded_at >= ?', from],
        ['recorded_at < ?', to],
        ['site_id = ANY(?)', siteIds],
      ],
      limit,
      offset,
    });
    const items = rows.map((r) => ({
      siteId: r.site_id,
      shiftId: r.shift_id,
      ...positionOf(r),
      receivedAt: new Date(r.received_at).toISOString(),
    }));
    return { items, total };
  }

  /**
   * The newest stored fix of each shift (guard and start given, for the index range), by shift id.
   * One lateral read per shift on the (guard_id, recorded_at) index, in one statement.
   */
  async latestOfShifts(
    shifts: { shiftId: string; guardId: string; startedAt: Date }[],
  ): Promise<Map<string, LivePosition>> {
    if (!shifts.length) return new Map();
    const rows = (await this.db.query(
      `SELECT s.shift_id, l.* FROM json_to_recordset($1::json) AS s(shift_id uuid, guard_id uuid, started_at timestamptz)
         JOIN LATERAL (SELECT lat, lng, accuracy, heading, speed, battery_level, recorded_at
             FROM location_history h WHERE h.guard_id = s.guard_id AND h.recorded_at >= s.started_at - interval '1 day'
               AND h.shift_id = s.shift_id ORDER BY h.recorded_at DESC, h.id DESC LIMIT 1) l ON true`,
      [
        JSON.stringify(
          shifts.map((s) => ({ shift_id: s.shiftId, guard_id: s.guardId, started_at: s.startedAt })),
        ),
      ],
    )) as Row[];
    return new Map(rows.map((r) => [r.shift_id as string, positionOf(r)]));
  }

  /**
   * When a fix of the guard's shift recorded in the last `withinMs` (plus two minutes of clock
   * drift) last arrived, on any node; null when none did.
   */
  static async lastReceived(
    tx: EntityManager,
    guardId: string,
    shiftId: string,
    withinMs: number,
  ): Promise<Date | null> {
    const [history] = (await tx.query(
      `SELECT max(received_at) AS seen FROM location_history
        WHERE guard_id = $1 AND shift_id = $2 AND recorded_at > now() - $3 * interval '1 millisecond'`,
      // bounded by device time to keep the index range short; fixes recorded long before they
      // arrived (an offline queue) do not count as being seen
      [guardId, shiftId, withinMs + 120_000],
    )) as { seen: Date | null }[];
    return history?.seen ?? null;
  }

  async pruneOlderThan(cutoff: Date): Promise<number> {
    return deleteInBatches(this.db, 'location_history', 'recorded_at < $1', [cutoff]);
  }
}
