// Builds the SDK as the package @patrolshield/client into libs/client/dist:
//   node/index.js     ESM for Node (>= 20)
//   browser/index.js  ESM for browsers and bundlers (the `browser` export condition)
//   types/            declarations of the SDK and of the contract it re-exports
// The contract (libs/contract) is bundled into both builds and its declarations ship in types/,
// reached from the SDK's declarations through the package's own `#contract` import map: the
// package needs nothing outside itself but its one dependency, socket.io-client.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, 'dist');
const tsconfig = resolve(here, 'tsconfig.build.json');
const started = performance.now();
await rm(out, { recursive: true, force: true });

const bundle = (platform, target) =>
  build({
    entryPoints: [resolve(here, 'src/index.ts')],
    outfile: resolve(out, platform, 'index.js'),
    bundle: true,
    format: 'esm',
    platform,
    target,
    external: ['socket.io-client'],
    sourcemap: true,
    tsconfig,
    logLevel: 'warning',
  });
await Promise.all([bundle('node', ['node20']), bundle('browser', ['chrome110', 'firefox110', 'safari16'])]);

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const types = spawnSync(process.execPath, [tsc, '-p', tsconfig], { stdio: 'inherit' });
if (types.status !== 0) process.exit(types.status ?? 1);
process.stdout.write(`client package built in ${Math.round(performance.now() - started)} ms -> ${out}\n`);
