import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeviceKind } from '../domain/channel-rules.js';

export interface Device {
  id: string;
  kind: DeviceKind;
  createdAt: string;
}

export interface DeviceTarget {
  id: string;
  userId: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
type Row = Record<string, any>;

/**
 * Users' registered devices; `address` is the push endpoint or the FCM token (one row per address:
 * a browser or phone that changes hands moves to its new user).
 */
@Injectable()
export class DeviceRepository {
  constructor(private readonly db: DataSource) {}

  async register(userId: string, kind: DeviceKind, address: string, subscription: unknown): Promise<Device> {
    const [row] = (await this.db.query(
      `INSERT INTO notification_devices (user_id, kind, address, subscription) VALUES ($1, $2, $3, $4)
        ON CONFLICT (kind, address) DO UPDATE SET user_id = EXCLUDED.user_id, subscription = EXCLUDED.subscription
        RETURNING id, kind, created_at`,
      [userId, kind, address, subscription === null ? null : JSON.stringify(subscription)],
    )) as Row[];
    return { id: row.id, kind: row.kind, createdAt: new Date(row.created_at).toISOString() };
  }

  /** Removes a device of this user (or any user's when userId is null); false when there was none. */
  async remove(id: string, userId: string | null = null): Promise<boolean> {
    const [, count] = (await this.db.query(
      'DELETE FROM notification_devices WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2)',
      [id, userId],
    )) as [unknown, number];
    return count > 0;
  }

  async listOf(userId: string): Promise<Device[]> {
    const rows = (await this.db.query(
      'SELECT id, kind, created_at FROM notification_devices WHERE user_id = $1 ORDER BY created_at',
      [userId],
    )) as Row[];
    return rows.map((r) => ({ id: r.id, kind: r.kind, createdAt: new Date(r.created_at).toISOString() }));
  }

  /**
   * Devices of a kind whose active users have one of `roles` and would see the event on a socket:
   * named users (their own streams), or site staff of `staffSiteIds` (assigned supervisors and
   * managers, every admin).
   */
  async audience(
    kind: DeviceKind,
    roles: string[],
    userIds: string[],
    staffSiteIds: string[],
  ): Promise<DeviceTarget[]> {
    const rows = (await this.db.query(
      `SELECT d.id, d.user_id FROM notification_devices d JOIN users u ON u.id = d.user_id
        WHERE d.kind = $1 AND u.active AND u.role = ANY($2::text[]) AND (
          u.id = ANY($3::uuid[])
          OR (cardinality($4::uuid[]) > 0 AND u.role = 'admin')
          OR (u.role IN ('supervisor', 'manager') AND EXISTS (SELECT 1 FROM site_assignments a
                WHERE a.user_id = u.id AND a.site_id = ANY($4::uuid[]))))`,
      [kind, roles, userIds, staffSiteIds],
    )) as Row[];
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }
}
