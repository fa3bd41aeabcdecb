import type { DataSource } from 'typeorm';
import { hashPassword, rootLogger, UserEntity, type AppConfig } from '#core';

/** Creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD when the database has no admin yet. */
export async function ensureFirstAdmin(db: DataSource, config: AppConfig): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const repo = db.getRepository(UserEntity);
  if (await repo.exists({ where: { role: 'admin' } })) return;
  const email = config.ADMIN_EMAIL.trim().toLowerCase();
  if (await repo.exists({ where: { email } })) {
    // Never promote an existing account silently: an operator must do that on purpose.
    rootLogger().error(
      { context: 'seed', email },
      'ADMIN_EMAIL belongs to an existing non-admin user; no admin created',
    );
    return;
  }
  await repo.insert({
    email,
    name: 'Administrator',
    role: 'admin',
    active: true,
    passwordHash: await hashPassword(config.ADMIN_PASSWORD),
  });
  rootLogger().info({ context: 'seed', email: config.ADMIN_EMAIL }, 'first admin created');
}
