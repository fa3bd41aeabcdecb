import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  createRootLogger,
  ensureDatabase,
  hashPassword,
  loadConfig,
  setRootLogger,
  SiteAssignmentEntity,
  SiteEntity,
  TokenService,
  UserEntity,
  type Geofence,
  type Role,
} from '../../libs/core/src/index.js';
import { createApp } from '../../apps/api/src/bootstrap/create-app.js';

export const TEST_JWT_SECRET = 'test-secret-'.padEnd(48, 'x');
setRootLogger(createRootLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: DataSource;
  baseUrl: string;
  databaseUrl: string;
  /**
   * Stops this app instance and starts a fresh one on the same database (a server restart); with
   * `samePort` it listens where the old one did, so clients that reconnect to the address find it.
   */
  restart(overrides?: Record<string, string>, opts?: { samePort?: boolean }): Promise<TestApp>;
  close(): Promise<void>;
}

/** Creates a fresh database on the run's PostgreSQL and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = process.env.PS_TEST_ADMIN_URL;
  if (!admin) throw new Error('PS_TEST_ADMIN_URL missing: run e2e suites through jest (global setup)');
  return ensureDatabase(admin, `t_${randomBytes(6).toString('hex')}`);
}

/** Starts the real app (HTTP + Socket.IO) on a random port against a real database. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  databaseUrl?: string,
  extraModules: DynamicModule['imports'] = [],
  port = 0,
): Promise<TestApp> {
  const dbUrl = databaseUrl ?? (await freshDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    // Suites drive commands far faster than a person; rate limits have their own suite with explicit budgets.
    WS_COMMANDS_PER_S: '1000',
    REST_COMMANDS_PER_S: '1000',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: '100000',
    // FAST_PATH=off in the environment runs the suites on the plain framework path (docs/fast-path.md)
    ...(process.env.FAST_PATH && { FAST_PATH: process.env.FAST_PATH }),
    ...overrides,
    DATABASE_URL: dbUrl,
  });
  const app = await createApp(config, dbUrl, extraModules);
  await app.listen(port, '127.0.0.1');
  const { port: listening } = app.getHttpServer().address() as AddressInfo;
  const testApp: TestApp = {
    app,
    config,
    db: app.get(DataSource),
    baseUrl: `http://127.0.0.1:${listening}`,
    databaseUrl: dbUrl,
    async restart(more = {}, opts = {}) {
      await app.close();
      return startTestApp({ ...overrides, ...more }, dbUrl, extraModules, opts.samePort ? listening : 0);
    },
    close: () => app.close(),
  };
  return testApp;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  siteIds: string[];
  /** A valid access token (signed directly, no login round trip). */
  token: string;
}

let counter = 0;
let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'test-password-1';

/** Inserts a user with site assignments and returns it with a signed access token. */
export async function createUser(
  t: TestApp,
  role: Role,
  siteIds: string[] = [],
  opts: { deviceId?: string; ttlS?: number; name?: string } = {},
): Promise<TestUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const n = ++counter;
  const email = `${role}${n}-${randomBytes(3).toString('hex')}@test.local`;
  const name = opts.name ?? `${role} ${n}`;
  const row = await t.db
    .getRepository(UserEntity)
    .save({ email, name, role, active: true, passwordHash: await cachedHash });
  if (siteIds.length)
    await t.db
      .getRepository(SiteAssignmentEntity)
      .insert(siteIds.map((siteId) => ({ userId: row.id, siteId })));
  const token = t.app.get(TokenService).signAccess({ id: row.id, role }, opts.deviceId, opts.ttlS).token;
  return { id: row.id, email, password: TEST_PASSWORD, name, role, siteIds, token };
}

export async function createSite(t: TestApp, name = 'Site', geofence?: Geofence): Promise<string> {
  const row = await t.db.getRepository(SiteEntity).save({
    name,
    timezone: 'UTC',
    geofence: geofence ?? { center: { lat: 52.52, lng: 13.405 }, radiusM: 500 },
  });
  return row.id;
}

/** Signs another access token for an existing user (e.g. a short-lived one). */
export function tokenFor(
  t: TestApp,
  user: { id: string; role: Role },
  ttlS?: number,
  deviceId?: string,
): string {
  return t.app.get(TokenService).signAccess(user, deviceId, ttlS).token;
}
