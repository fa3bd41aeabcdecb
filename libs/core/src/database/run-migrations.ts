import type { DataSource } from 'typeorm';
import { rootLogger } from '../logging/logger.js';

// Any constant works; it only has to be the same on every node of a deployment.
const MIGRATION_LOCK = 727_073_699;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so several nodes starting at
 * once against one database migrate it exactly once instead of racing.
 */
export async function runMigrationsExclusively(db: DataSource): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await db.runMigrations({ transaction: 'each' });
    if (applied.length)
      rootLogger().info({ context: 'migrations', applied: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
