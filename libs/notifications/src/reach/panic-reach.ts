import type { EntityManager } from 'typeorm';
import type { AppConfig } from '#core';
import { missingSetting } from '../channels/channel-targets.js';
import { CHANNEL_KINDS, PANIC_EVENTS } from '../domain/channel-rules.js';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * The sites among `siteIds` that no configured channel subscribed to panics can reach: a webhook or
 * email channel for the site, or a device channel whose roles include a staff member of the site
 * (assigned, or an admin) with a registered device. The owner's port: other features never read
 * these tables.
 */
export async function sitesWithoutPanicReach(
  db: Queryable,
  config: AppConfig,
  siteIds: string[],
): Promise<Set<string>> {
  if (!siteIds.length) return new Set();
  const kinds = CHANNEL_KINDS.filter((k) => !missingSetting(config, k));
  const rows = (await db.query(
    `SELECT s.id FROM unnest($1::uuid[]) AS s(id) WHERE NOT EXISTS (
       SELECT 1 FROM notification_channels c
        WHERE c.events && $2::text[] AND c.kind = ANY($3::text[])
          AND (c.site_ids IS NULL OR s.id = ANY(c.site_ids))
          AND (c.kind IN ('webhook', 'email') OR EXISTS (
            SELECT 1 FROM notification_devices d JOIN users u ON u.id = d.user_id
             WHERE d.kind = c.kind AND u.active AND c.target @> to_jsonb(u.role)
               AND (u.role = 'admin' OR EXISTS (SELECT 1 FROM site_assignments a
                     WHERE a.user_id = u.id AND a.site_id = s.id)))))`,
    [siteIds, PANIC_EVENTS, kinds],
  )) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
