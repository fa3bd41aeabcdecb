/**
 * The product server exactly as main.ts starts it, plus the simulation seed module, for as long as
 * apps/api/src/app.module.ts does not import SimulationModule itself. The runner prefers
 * dist/apps/api/src/main.js when the module is registered there.
 */
import '../apps/api/src/bootstrap/v8-flags.js'; // first, as in main.ts
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createRootLogger, loadConfig, rootLogger, setRootLogger } from '#core';
import { createApp } from '../apps/api/src/bootstrap/create-app.js';
import { prepareRuntime, type Runtime } from '../apps/api/src/bootstrap/runtime.js';
import { ensureFirstAdmin } from '../apps/api/src/seed/first-admin.js';
import { SimulationModule } from '../apps/api/src/simulation/simulation.module.js';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  setRootLogger(createRootLogger(config.LOG_LEVEL));
  const log = rootLogger().child({ context: 'bench-server' });
  const state: { runtime?: Runtime; app?: INestApplication } = {};
  const shutdown = async () => {
    await state.app?.close().catch(() => undefined);
    await state.runtime?.embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  const runtime = (state.runtime = await prepareRuntime(config));
  const app = (state.app = await createApp(config, runtime.databaseUrl, [SimulationModule.forRoot(config)]));
  await ensureFirstAdmin(app.get(DataSource), config);
  await app.listen(config.PORT);
  const { port } = app.getHttpServer().address() as AddressInfo;
  log.info({ port, readyMs: Math.round(performance.now() - startedAt) }, 'ready');
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
