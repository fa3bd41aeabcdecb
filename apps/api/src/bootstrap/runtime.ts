import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import webpush from 'web-push';
import { AppConfig, ensureDatabase, rootLogger, startEmbeddedPostgres, type EmbeddedDatabase } from '#core';

export interface Runtime {
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
}

/** The JWT secret of the embedded default: generated once, kept beside the data. */
async function persistentSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  try {
    const s = (await readFile(file, 'utf8')).trim();
    if (s.length >= 32) return s;
  } catch {
    /* first start */
  }
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** The Web Push (VAPID) keys of the embedded default: generated once, kept beside the data. */
async function persistentVapidKeys(dataDir: string): Promise<{ publicKey: string; privateKey: string }> {
  const file = join(dataDir, 'vapid-keys.json');
  try {
    const keys = JSON.parse(await readFile(file, 'utf8')) as { publicKey?: string; privateKey?: string };
    if (keys.publicKey && keys.privateKey) return { publicKey: keys.publicKey, privateKey: keys.privateKey };
  } catch {
    /* first start */
  }
  const keys = webpush.generateVAPIDKeys();
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** Resolves the database (external, or an embedded PostgreSQL in DATA_DIR) and fills in secrets. */
export async function prepareRuntime(config: AppConfig): Promise<Runtime> {
  if (config.DATABASE_URL) return { databaseUrl: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    persistent: true,
    logger: rootLogger(),
  });
  try {
    config.JWT_SECRET ??= await persistentSecret(embedded.dataDir);
    if (!config.VAPID_PUBLIC_KEY) {
      const vapid = await persistentVapidKeys(embedded.dataDir);
      config.VAPID_PUBLIC_KEY = vapid.publicKey;
      config.VAPID_PRIVATE_KEY = vapid.privateKey;
    }
    const databaseUrl = await ensureDatabase(embedded.url, 'patrolshield');
    return { databaseUrl, embedded };
  } catch (e) {
    await embedded.stop();
    throw e;
  }
}
