import type { DataSource } from 'typeorm';
import { hashPassword, rootLogger, SiteAssignmentEntity, SiteEntity, UserEntity } from '#core';
import { DEMO_PASSWORD, DEMO_SITES, DEMO_USERS, demoEmail } from './demo-organisation.js';

export interface DemoIds {
  sites: Record<string, string>;
  users: Record<string, string>;
}

/** Seeds the demo organisation when the database holds no sites and no users but an admin. */
export async function seedDemoData(db: DataSource): Promise<DemoIds | null> {
  const users = await db.getRepository(UserEntity).count();
  const admins = await db.getRepository(UserEntity).count({ where: { role: 'admin' } });
  const sites = await db.getRepository(SiteEntity).count();
  if (sites > 0 || users > admins) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: DemoIds = { sites: {}, users: {} };
  await db.transaction(async (tx) => {
    for (const s of DEMO_SITES) {
      const row = await tx
        .getRepository(SiteEntity)
        .save({ name: s.name, timezone: s.timezone, geofence: s.geofence });
      ids.sites[s.key] = row.id;
    }
    for (const u of DEMO_USERS) {
      const row = await tx
        .getRepository(UserEntity)
        .save({ email: demoEmail(u.key), name: u.name, role: u.role, active: true, passwordHash });
      ids.users[u.key] = row.id;
      for (const site of u.sites)
        await tx.getRepository(SiteAssignmentEntity).insert({ userId: row.id, siteId: ids.sites[site] });
    }
  });
  rootLogger().info(
    { context: 'seed', sites: DEMO_SITES.length, users: DEMO_USERS.length },
    'demo organisation seeded',
  );
  return ids;
}
