import type { DataSource } from 'typeorm';
import type { DurableEventName } from '#contract';
import { rootLogger, type AppConfig } from '#core';
import { missingSetting } from './channel-targets.js';
import type { DeviceKind } from '../domain/channel-rules.js';

/** The demo's defaults (docs/protocol.md section 10): the safety events to the site staff's devices. */
export const DEFAULT_EVENTS = [
  'panic_alert',
  'panic_escalated',
  'site_unwatched',
  'guard_stale',
  'shift_missed',
] satisfies DurableEventName[];
const STAFF = ['supervisor', 'manager', 'admin'];
const NAMES: Record<DeviceKind, string> = { webpush: 'Staff browsers', fcm: 'Staff phones' };

/** Seeds one channel per configured device kind, for every site; returns how many it created. */
export async function seedDefaultChannels(db: DataSource, config: AppConfig): Promise<number> {
  const kinds = (['webpush', 'fcm'] as const).filter((k) => !missingSetting(config, k));
  for (const kind of kinds)
    await db.query(
      `INSERT INTO notification_channels (name, kind, target, site_ids, events, min_level)
        VALUES ($1, $2, $3, NULL, $4, 1)`,
      [NAMES[kind], kind, JSON.stringify(STAFF), DEFAULT_EVENTS],
    );
  rootLogger().info({ context: 'seed', kinds }, 'default notification channels seeded');
  return kinds.length;
}
