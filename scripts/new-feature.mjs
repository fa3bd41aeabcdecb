// `npm run new:feature NAME [-- --dry-run]`: creates libs/NAME, a feature library in the house style
// (docs/feature-modules.md) with one example command on the whole path, and wires it where the
// build, the tests and the app look for libraries. Plain Node, no dependencies.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { featureFiles, namesOf } from './new-feature/templates.mjs';
import { BY_HAND, WIRING } from './new-feature/wiring.mjs';

const NAME = /^[a-z][a-z0-9]{1,30}$/;

/**
 * Everything the generator would write, without writing it: new files (path -> content) and the
 * wiring edits (path -> new content). Throws, before anything is written, when the name is not a
 * lower-case word, the library exists, or a file to wire has changed shape.
 */
export function planFeature(root, name, migrationTs = Date.now()) {
  if (!NAME.test(name))
    throw new Error(`new-feature: "${name}" must be one lower-case word (a-z, 0-9), e.g. beacons`);
  if (existsSync(join(root, 'libs', name))) throw new Error(`new-feature: libs/${name} exists already`);
  const names = namesOf(name, migrationTs);
  const files = Object.fromEntries(
    Object.entries(featureFiles(names)).map(([path, text]) => [`libs/${name}/src/${path}`, text]),
  );
  const edits = Object.fromEntries(
    Object.entries(WIRING).map(([path, edit]) => [path, edit(readFileSync(join(root, path), 'utf8'), names)]),
  );
  return { names, files, edits };
}

/** Writes a plan: the new files, then the edited ones. */
export function applyPlan(root, { files, edits }) {
  for (const [path, text] of Object.entries({ ...files, ...edits })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const [name] = argv.filter((a) => !a.startsWith('--'));
  if (!name) throw new Error('usage: npm run new:feature NAME [-- --dry-run]');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const plan = planFeature(root, name);
  if (!dryRun) applyPlan(root, plan);
  const verb = dryRun ? 'would create' : 'created';
  console.log(
    `${verb}:\n${Object.keys(plan.files)
      .map((p) => `  ${p}`)
      .join('\n')}`,
  );
  console.log(
    `${dryRun ? 'would wire' : 'wired'} #${name} in:\n${Object.keys(plan.edits)
      .map((p) => `  ${p}`)
      .join('\n')}`,
  );
  console.log('lint boundaries cover libs/' + name + ' already (eslint.config.mjs reads libs/).');
  console.log(`still by hand:\n${BY_HAND.map((s) => `  - ${s}`).join('\n')}`);
  if (!dryRun)
    console.log('then: npx prettier --write libs/' + name + ' && npm run typecheck && npm run lint');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
