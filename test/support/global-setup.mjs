// Runs outside Jest's module system, so it uses the compiled product code (npm run test:e2e builds first).
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootLogger, startEmbeddedPostgres } from '../../dist/libs/core/src/index.js';

/**
 * One real PostgreSQL for the whole e2e run: a throwaway embedded cluster under the OS temp dir
 * (reachable by the `postgres` user when running as root), or TEST_DATABASE_URL when given.
 * Every suite creates its own database on it, so suites run in parallel without sharing rows.
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.PS_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'patrolshield-test-'));
  await chmod(dir, 0o755);
  const db = await startEmbeddedPostgres({
    dataDir: dir,
    persistent: false,
    logger: createRootLogger('warn'),
  });
  globalThis.__PS_EMBEDDED__ = db;
  process.env.PS_TEST_ADMIN_URL = db.url;
}
