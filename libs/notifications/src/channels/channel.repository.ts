import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelKind } from '../domain/channel-rules.js';

export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind;
  target: string | string[];
  siteIds: string[] | null;
  events: string[];
  minLevel: number;
  createdAt: string;
  updatedAt: string;
}

export type ChannelFields = Omit<Channel, 'id' | 'createdAt' | 'updatedAt'>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field below
type Row = Record<string, any>;
const COLUMNS = 'id, name, kind, target, site_ids, events, min_level, created_at, updated_at';

/** Never maps the secret: only `create` hands it back, once. */
const toChannel = (r: Row): Channel => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  target: r.target,
  siteIds: r.site_ids,
  events: r.events,
  minLevel: Number(r.min_level),
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Every SQL statement on notification_channels. */
@Injectable()
export class ChannelRepository {
  constructor(private readonly db: DataSource) {}

  async create(f: ChannelFields, secret: string | null): Promise<Channel> {
    const [row] = (await this.db.query(
      `INSERT INTO notification_channels (name, kind, target, site_ids, events, min_level, secret)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [f.name, f.kind, JSON.stringify(f.target), f.siteIds, f.events, f.minLevel, secret],
    )) as Row[];
    return toChannel(row);
  }

  async update(id: string, f: ChannelFields): Promise<Channel | null> {
    const [rows] = (await this.db.query(
      `UPDATE notification_channels SET name = $2, target = $3, site_ids = $4, events = $5,
          min_level = $6, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, f.name, JSON.stringify(f.target), f.siteIds, f.events, f.minLevel],
    )) as [Row[], number];
    return rows[0] ? toChannel(rows[0]) : null;
  }

  async get(id: string): Promise<Channel | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM notification_channels WHERE id = $1`, [
      id,
    ])) as Row[];
    return row ? toChannel(row) : null;
  }

  async list(offset: number, limit: number): Promise<{ items: Channel[]; total: number }> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM notification_channels
        ORDER BY created_at, id OFFSET $1 LIMIT $2`,
      [offset, limit],
    )) as Row[];
    return { items: rows.map(toChannel), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async remove(id: string): Promise<boolean> {
    const [, count] = (await this.db.query('DELETE FROM notification_channels WHERE id = $1', [id])) as [
      unknown,
      number,
    ];
    return count > 0;
  }

  /** Channels subscribed to an event type (filtered further by the rules in the domain). */
  async subscribedTo(tx: Pick<EntityManager, 'query'>, type: string): Promise<Channel[]> {
    const rows = (await tx.query(`SELECT ${COLUMNS} FROM notification_channels WHERE $1 = ANY(events)`, [
      type,
    ])) as Row[];
    return rows.map(toChannel);
  }
}
