import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  AppConfig,
  createValidationPipe,
  HttpExceptionFilter,
  PinoNestLogger,
  compileTrust,
  mountPrometheusEndpoint,
  runMigrationsExclusively,
} from '#core';
import { DataSource } from 'typeorm';
import { RealtimeIoAdapter } from '#realtime';
import { AppModule } from '../app.module.js';
import { answerClientErrorsWithCodes } from './client-errors.js';
import { setupAsyncApi } from './asyncapi.js';
import { setupSwagger } from './swagger.js';
import { redirectRootToConsole } from '../console/console.module.js';

/**
 * Builds the whole application (HTTP + Socket.IO) without listening: main.ts and the e2e suites
 * both start the product through here, so tests run exactly what ships.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  /** Test-only modules (e.g. a probe gateway); production passes none. */
  extraModules: DynamicModule['imports'] = [],
  /** Boot work after the migrations, under the same bootstrap lock (main: first admin, demo seed). */
  afterMigrations?: (db: DataSource) => Promise<void>,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl, extraModules),
    {
      logger: new PinoNestLogger(),
      abortOnError: false,
      bufferLogs: false,
    },
  );
  await runMigrationsExclusively(app.get(DataSource), config, afterMigrations);
  app.set('trust proxy', compileTrust(config.TRUST_PROXY));
  app.disable('x-powered-by');
  answerClientErrorsWithCodes(app.getHttpServer());
  // gzip for REST answers over 1 kB when the client accepts it (lists, the OpenAPI document).
  // Socket.IO does not pass through Express: its websocket frames are left as they are.
  app.use(compression());
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
  // Health answers both at the root (for probes) and under the API base, as docs/protocol.md lists it.
  app.use((req: { url: string }, _res: unknown, next: () => void) => {
    if (req.url.startsWith('/api/v1/health/')) req.url = req.url.slice('/api/v1'.length);
    next();
  });
  app.use(redirectRootToConsole);
  app.enableCors({
    origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS,
    credentials: true,
  });
  // One validation pass for REST bodies and socket payloads alike (gateways add no pipe).
  app.useGlobalPipes(createValidationPipe(config.FAST_PATH));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  mountPrometheusEndpoint(app);
  setupSwagger(app);
  setupAsyncApi(app);
  return app;
}
