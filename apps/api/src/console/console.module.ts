import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { rootLogger, type AppConfig } from '#core';
import { ConsoleConfigController } from './console-config.controller.js';
import { consoleCsp } from './console-csp.js';

/**
 * dist/console, built by `npm run build` (apps/console/build.mjs): found from the compiled server
 * (dist/apps/api/src/console), or from the working folder when the sources run (e2e suites).
 */
export function consoleAssetsDir(): string {
  const here = import.meta.dirname ?? '';
  const marker = `${sep}dist${sep}`;
  const dist = here.includes(marker)
    ? here.slice(0, here.lastIndexOf(marker) + marker.length)
    : resolve('dist');
  return join(dist, 'console');
}

/** Serves the operations console at /console/ with its Content-Security-Policy on every response. */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig): DynamicModule {
    const rootPath = consoleAssetsDir();
    if (!existsSync(rootPath))
      rootLogger()
        .child({ context: 'console' })
        .warn({ rootPath }, 'console not built (npm run build): /console/ is not served');
    return {
      module: ConsoleModule,
      controllers: [ConsoleConfigController],
      imports: existsSync(rootPath)
        ? [
            ServeStaticModule.forRoot({
              rootPath,
              serveRoot: '/console',
              serveStaticOptions: {
                index: 'index.html',
                setHeaders: (res: ServerResponse & { req: IncomingMessage }) => {
                  res.setHeader(
                    'Content-Security-Policy',
                    consoleCsp(config.CONSOLE_TILE_URL, res.req.headers.host),
                  );
                  res.setHeader('X-Content-Type-Options', 'nosniff');
                },
              },
            }),
          ]
        : [],
    };
  }
}

/** `/` has nothing of its own: people who open the server's address get the console. */
export function redirectRootToConsole(
  req: { method: string; url: string },
  res: { redirect(status: number, url: string): void },
  next: () => void,
): void {
  if (req.method === 'GET' && req.url === '/') res.redirect(302, '/console/');
  else next();
}
