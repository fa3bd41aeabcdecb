import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.cwd(), 'package.json'));

/**
 * The installed version of a package, for the canary specs: the package.json above the file the
 * package resolves to (its `exports` may hide `<name>/package.json`).
 */
export function installedVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json found for ${name}`);
    dir = up;
  }
}

const parts = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
const compare = (a: string, b: string): number => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

/** Whether `version` is at least `from` and below `below` (major.minor.patch; pre-release tags ignored). */
export const versionWithin = (version: string, from: string, below: string): boolean =>
  compare(version, from) >= 0 && compare(version, below) < 0;
