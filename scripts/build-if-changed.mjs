// `npm start`'s build step: skips tsc and the console bundle when no source, tsconfig or lockfile
// changed since the last build (dist/.tsbuildinfo), otherwise runs tsc incrementally (only what
// changed is re-emitted) and bundles the console (under a second), and says what it is doing, so
// the wait before the server starts is never silent.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.tsbuildinfo';
const ROOTS = ['apps', 'libs', 'bench'];
const FILES = [
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
  'apps/console/build.mjs',
  'scripts/copy-asyncapi-renderer.mjs',
];
// TypeScript, and the console's markup and styles.
const SOURCE = /\.(ts|tsx|html|css)$/;

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
};

function changedSince(stamp) {
  const changed = FILES.filter((f) => mtime(f) > stamp);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      // A package's own build output (libs/client/dist) is not source.
      if (entry.isDirectory()) {
        if (entry.name !== 'dist') walk(p);
      } else if (SOURCE.test(p) && !/\.spec\.tsx?$/.test(p) && mtime(p) > stamp) changed.push(p);
    }
  };
  for (const root of ROOTS) walk(root);
  return changed;
}

// No console bundle or AsyncAPI renderer counts as a first build too (a dist/ left by tsc alone).
const stamp =
  mtime('dist/console/app.js') < 0 || mtime('dist/asyncapi/standalone.js') < 0 ? -1 : mtime(STAMP);
const changed = stamp < 0 ? null : changedSince(stamp);
if (changed?.length === 0) {
  console.log('build: dist/ is up to date (nothing changed since the last build), starting');
  process.exit(0);
}
console.log(
  changed === null
    ? 'build: first build, compiling every source with tsc (about 20 s)...'
    : `build: ${changed.length} file(s) changed (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', ...' : ''}), compiling incrementally...`,
);
const started = Date.now();
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const bundle = spawnSync(process.execPath, ['apps/console/build.mjs'], { stdio: 'inherit' });
if (bundle.status !== 0) process.exit(bundle.status ?? 1);
const renderer = spawnSync(process.execPath, ['scripts/copy-asyncapi-renderer.mjs'], { stdio: 'inherit' });
if (renderer.status !== 0) process.exit(renderer.status ?? 1);
// tsc leaves its build info untouched when nothing it emits changed (a touched file, a lockfile):
// stamp the start of this build, so what changed during the compile counts next time.
utimesSync(STAMP, new Date(started), new Date(started));
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
