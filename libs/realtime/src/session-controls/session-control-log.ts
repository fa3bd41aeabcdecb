import { Injectable } from '@nestjs/common';
import { deleteInBatches } from '#core';
import { DataSource } from 'typeorm';
import { SESSION_CONTROLS_CHANNEL } from '../delivery/log-notice.js';
import type { SessionControl } from './control-ledger.js';

/** How far back the log of session controls is read: far past any poll interval or reconnect. */
export const CONTROL_WINDOW_S = 120;

interface ControlRow {
  id: string;
  kind: SessionControl['kind'];
  user_id: string | null;
  data: Record<string, unknown>;
  at: number;
}

const toControl = (r: ControlRow): SessionControl => ({
  id: String(r.id),
  kind: r.kind,
  userId: r.user_id,
  data: r.data,
  createdAt: Number(r.at),
});

const AT = `(extract(epoch FROM created_at) * 1000)::float8 AS at`;

/**
 * The durable record of session controls (table session_controls). Row ids are not committed in
 * order, so readers take every row of a recent window and skip the ids they applied (ControlLedger)
 * instead of reading after the last id.
 */
@Injectable()
export class SessionControlLog {
  constructor(private readonly db: DataSource) {}

  /** Records a control and announces it (NOTIFY), in one statement. */
  async record(kind: SessionControl['kind'], userId: string | null, data: object): Promise<SessionControl> {
    const [row] = (await this.db.query(
      `WITH c AS (INSERT INTO session_controls (kind, user_id, data) VALUES ($1, $2, $3)
                  RETURNING id, kind, user_id, data, ${AT})
       SELECT c.*, pg_notify('${SESSION_CONTROLS_CHANNEL}', c.id::text) FROM c`,
      [kind, userId, JSON.stringify(data)],
    )) as ControlRow[];
    return toControl(row);
  }

  /** The controls of the last CONTROL_WINDOW_S seconds, in id order. */
  async recent(): Promise<SessionControl[]> {
    const rows = (await this.db.query(
      `SELECT id, kind, user_id, data, ${AT} FROM session_controls
        WHERE created_at > clock_timestamp() - make_interval(secs => $1) ORDER BY id`,
      [CONTROL_WINDOW_S],
    )) as ControlRow[];
    return rows.map(toControl);
  }

  async pruneOlderThan(cutoff: Date): Promise<void> {
    await deleteInBatches(this.db, 'session_controls', 'created_at < $1', [cutoff]);
  }
}
