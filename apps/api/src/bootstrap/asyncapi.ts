import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { rootLogger } from '#core';
import { consoleAssetsDir } from '../console/console.module.js';
import { buildAsyncApiDocument } from '../asyncapi/asyncapi-document.js';

/** The contract's version (docs/protocol.md title), not the server's. */
const CONTRACT_VERSION = '1.1';
const HOST = /^[\w.:[\]-]{1,255}$/;

interface Req {
  headers: { host?: string };
}
interface Res {
  type(t: string): Res;
  setHeader(name: string, value: string): void;
  send(body: string | Buffer | object): void;
}

/**
 * The renderer's browser bundle and stylesheet (React and the parser inside), copied from
 * @asyncapi/react-component into dist/asyncapi by the build: the page needs no network beyond
 * this server.
 */
const rendererDir = () => join(dirname(consoleAssetsDir()), 'asyncapi');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PatrolShield realtime API (AsyncAPI)</title>
<link rel="stylesheet" href="/api/asyncapi/assets/default.min.css">
</head>
<body>
<div id="asyncapi"></div>
<script src="/api/asyncapi/assets/standalone.js"></script>
<script src="/api/asyncapi/assets/render.js"></script>
</body>
</html>
`;
// A file of its own rather than an inline script, so the page needs no 'unsafe-inline'.
const RENDER = `AsyncApiStandalone.render(
  { schema: { url: '/api/asyncapi.json', options: { method: 'GET' } }, config: { show: { sidebar: true } } },
  document.getElementById('asyncapi'),
);
`;

/**
 * GET /api/asyncapi.json: the AsyncAPI 3 document of the socket contract (public, like the
 * OpenAPI document); GET /api/asyncapi: the same rendered for people by @asyncapi/react-component.
 */
export function setupAsyncApi(app: INestApplication): void {
  const http = app.getHttpAdapter();
  const dir = rendererDir();
  if (!existsSync(join(dir, 'standalone.js')))
    rootLogger()
      .child({ context: 'asyncapi' })
      .warn({ dir }, 'AsyncAPI renderer not built (npm run build): /api/asyncapi shows no page');
  let assets: Record<string, { type: string; body: Buffer }> | undefined;
  const asset = (name: string) =>
    (assets ??= {
      'standalone.js': { type: 'application/javascript', body: readFileSync(join(dir, 'standalone.js')) },
      'default.min.css': { type: 'text/css', body: readFileSync(join(dir, 'default.min.css')) },
      'render.js': { type: 'application/javascript', body: Buffer.from(RENDER) },
    })[name];

  http.get('/api/asyncapi.json', (req: Req, res: Res) => {
    const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : 'localhost';
    res.type('application/json').send(buildAsyncApiDocument(host, CONTRACT_VERSION));
  });
  http.get('/api/asyncapi', (_req: Req, res: Res) => {
    res.type('text/html').send(PAGE);
  });
  for (const name of ['standalone.js', 'default.min.css', 'render.js'])
    http.get(`/api/asyncapi/assets/${name}`, (_req: Req, res: Res) => {
      const a = asset(name)!;
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.type(a.type).send(a.body);
    });
}
