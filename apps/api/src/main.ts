// First: V8 flags must be set before the app's modules allocate (see the module).
import './bootstrap/v8-flags.js';
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ConfigValidationError,
  createRootLogger,
  EmbeddedPostgresMissing,
  loadConfig,
  logFormatFor,
  rootLogger,
  setRootLogger,
  superviseEmbedded,
} from '#core';
import { createApp } from './bootstrap/create-app.js';
import { assertDatabaseReachable, DatabaseUnreachable } from './bootstrap/database-reachable.js';
import { prepareRuntime, type Runtime } from './bootstrap/runtime.js';
import { printBanner } from './bootstrap/banner.js';
import { ensureFirstAdmin } from './seed/first-admin.js';
import { seedDemoData } from './seed/seed-demo-data.js';
import { seedDemoMessages } from './seed/seed-demo-messages.js';
import { seedDefaultChannels } from '#notifications';
import { seedDemoPatrols } from './seed/seed-demo-patrols.js';
import { seedDemoShifts } from './seed/seed-demo-shifts.js';

async function main(): Promise<void> {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  setRootLogger(createRootLogger(config.LOG_LEVEL, logFormatFor(config.LOG_FORMAT, config.NODE_ENV)));
  const log = rootLogger().child({ context: 'main' });
  let runtime: Runtime | undefined;
  let app: INestApplication | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    await app?.close().catch((e: unknown) => log.error({ err: e }, 'error while closing'));
    await runtime?.embedded
      ?.stop()
      .catch((e: unknown) => log.error({ err: e }, 'error while stopping PostgreSQL'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    if (config.DATABASE_URL) await assertDatabaseReachable(config.DATABASE_URL);
    runtime = await prepareRuntime(config);
    if (runtime.embedded)
      superviseEmbedded(runtime.embedded, {
        maxRestarts: config.EMBEDDED_PG_MAX_RESTARTS,
        log: rootLogger().child({ context: 'embedded-postgres' }),
        exit: (code) => process.exit(code),
      });
    const seedDemo = config.DEMO_DATA ?? (!config.DATABASE_URL && config.NODE_ENV !== 'test');
    let seeded: Awaited<ReturnType<typeof seedDemoData>> = null;
    // Under the bootstrap lock with the migrations: nodes started together create one first admin
    // and seed once (the others wait, then find an admin and a populated database).
    app = await createApp(config, runtime.databaseUrl, [], async (db) => {
      await ensureFirstAdmin(db, config);
      if (seedDemo) seeded = await seedDemoData(db);
      if (seeded) await seedDefaultChannels(db, config);
    });
    await app.init();
    if (seeded) {
      // after init: CQRS registers its command handlers on bootstrap
      await seedDemoPatrols(app.get(CommandBus), seeded).catch((e: unknown) =>
        log.warn({ err: e }, 'demo patrol routes not seeded'),
      );
      await seedDemoMessages(app.get(CommandBus), seeded).catch((e: unknown) =>
        log.warn({ err: e }, 'demo conversations not seeded'),
      );
      await seedDemoShifts(app.get(CommandBus), seeded).catch((e: unknown) =>
        log.warn({ err: e }, 'demo planned shifts not seeded'),
      );
    }
    await app.listen(config.PORT);
    const readyMs = Math.round(performance.now() - startedAt);
    const { port } = app.getHttpServer().address() as AddressInfo;
    log.info({ port, readyMs, embedded: !!runtime.embedded }, 'ready');
    printBanner(config, { readyMs, seeded: !!seeded, demo: seedDemo });
  } catch (e) {
    if (e instanceof DatabaseUnreachable || e instanceof EmbeddedPostgresMissing) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    log.fatal({ err: e }, e instanceof Error ? e.message : 'startup failed');
    await app?.close().catch(() => undefined);
    await runtime?.embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
