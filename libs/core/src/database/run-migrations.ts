import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { rootLogger } from '../logging/logger.js';
import { bootstrapPoolOptions } from './pool-options.js';

// Any constant works; it only has to be the same on every node of a deployment.
const BOOTSTRAP_LOCK = 727_073_699;

/**
 * Runs the boot work of a node (pending migrations, then `afterMigrations`: the first admin, the
 * demo seed) while holding a PostgreSQL advisory lock, so any number of nodes starting at once on
 * one database migrate and seed it exactly once: the others wait, then find the work done. Runs on
 * a short-lived pool of its own, without the per-statement COMMAND_TIMEOUT_MS (see
 * bootstrapPoolOptions); the lock is a session lock on one connection of that pool.
 */
export async function runMigrationsExclusively<T>(
  app: DataSource,
  config: Pick<AppConfig, 'COMMAND_TIMEOUT_MS'>,
  afterMigrations?: (db: DataSource) => Promise<T>,
): Promise<T | undefined> {
  const db = new DataSource({ ...app.options, extra: bootstrapPoolOptions(config) } as typeof app.options);
  await db.initialize();
  const lock = db.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
    const applied = await db.runMigrations({ transaction: 'each' });
    if (applied.length)
      rootLogger().info({ context: 'migrations', applied: applied.map((m) => m.name) }, 'migrations applied');
    return await afterMigrations?.(db);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]).catch(() => undefined);
    await lock.release();
    await db.destroy();
  }
}
