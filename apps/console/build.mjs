// Bundles the operations console (apps/console) into dist/console: one script, one stylesheet,
// Leaflet's images, index.html. Every asset is local (no CDN); the API serves the folder at /console/.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../dist/console');
const started = performance.now();
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: resolve(here, 'src/main.tsx') },
  bundle: true,
  outdir: out,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: resolve(here, 'tsconfig.json'),
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile(resolve(here, 'src/index.html'), resolve(out, 'index.html'));
process.stdout.write(`console built in ${Math.round(performance.now() - started)} ms -> ${out}\n`);
