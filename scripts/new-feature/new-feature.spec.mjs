// The generator run into a temporary copy of the files it wires: if one of them changes shape, or
// a generated file stops being valid TypeScript, this fails instead of the next new feature.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { applyPlan, planFeature } from '../new-feature.mjs';
import { WIRING } from './wiring.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TS = 1733900000000;

describe('npm run new:feature', () => {
  let root;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'new-feature-'));
    for (const path of Object.keys(WIRING)) cpSync(join(repo, path), join(root, path), { recursive: true });
    cpSync(join(repo, 'libs/panic/src/index.ts'), join(root, 'libs/panic/src/index.ts'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const read = (path) => readFileSync(join(root, path), 'utf8');

  it('creates the library: module, gateway with its policy, command, handler, DTO, events, persistence', () => {
    applyPlan(root, planFeature(root, 'beacons', TS));
    const src = 'libs/beacons/src';
    for (const file of [
      'index.ts',
      'beacons.module.ts',
      'beacons.gateway.ts',
      'commands/add-note/add-note.command.ts',
      'commands/add-note/add-note.dto.ts',
      'commands/add-note/add-note.handler.ts',
      'domain/note.ts',
      'domain/note.spec.ts',
      'events/note-added.event.ts',
      'event-handlers/broadcast-when-note-added.handler.ts',
      'persistence/note.repository.ts',
      'persistence/note.view.ts',
      `persistence/${TS}-beacons.ts`,
      'persistence/beacons-persistence.ts',
    ])
      expect(existsSync(join(root, src, file))).toBe(true);
    const gateway = read(`${src}/beacons.gateway.ts`);
    expect(gateway).toMatch(/@CommandPolicy\(\{[^}]*\}\)\n\s*@SubscribeMessage\('add_beacons_note'\)/);
    expect(read(`${src}/beacons.module.ts`)).toContain('export class BeaconsModule');
    expect(read(`${src}/persistence/beacons-persistence.ts`)).toContain(
      `beaconsMigrations: (new () => unknown)[] = [Beacons${TS}]`,
    );
    // the domain imports neither persistence nor the framework (the lint boundary)
    expect(read(`${src}/domain/note.ts`)).not.toMatch(/persistence|@nestjs|typeorm/);
  });

  it('writes TypeScript that parses', () => {
    const { files } = planFeature(root, 'beacons', TS);
    for (const [path, text] of Object.entries(files)) {
      const out = ts.transpileModule(text, {
        fileName: path,
        reportDiagnostics: true,
        compilerOptions: { experimentalDecorators: true, target: ts.ScriptTarget.ES2023 },
      });
      expect([path, out.diagnostics ?? []]).toEqual([path, []]);
    }
  });

  it('wires the alias, the build, the tests, the app and its persistence lists', async () => {
    applyPlan(root, planFeature(root, 'beacons', TS));
    expect(JSON.parse(read('package.json')).imports['#beacons']).toBe('./dist/libs/beacons/src/index.js');
    expect(JSON.parse(read('tsconfig.json')).compilerOptions.paths['#beacons']).toEqual([
      './libs/beacons/src/index.ts',
    ]);
    expect(JSON.parse(read('nest-cli.json')).projects.beacons).toEqual({
      type: 'library',
      root: 'libs/beacons',
      entryFile: 'index',
      sourceRoot: 'libs/beacons/src',
    });
    const jest = (await import(pathToFileURL(join(root, 'jest.config.js')).href)).default;
    const [pattern, target] = Object.entries(jest.projects[0].moduleNameMapper)[0];
    expect('#beacons'.replace(new RegExp(pattern), target)).toBe('<rootDir>/libs/beacons/src/index.ts');
    expect(new RegExp(pattern).test('#panic')).toBe(true);
    const app = read('apps/api/src/app.module.ts');
    expect(app).toContain("import { BeaconsModule } from '#beacons';");
    expect(app).toMatch(/^\s+NotificationsModule,\n\s+BeaconsModule,$/m);
    const persistence = read('apps/api/src/persistence.ts');
    expect(persistence).toContain("import { beaconsEntities, beaconsMigrations } from '#beacons';");
    expect(persistence).toMatch(/\.\.\.notificationsEntities,\n\s+\.\.\.beaconsEntities,\n\];/);
    expect(persistence).toMatch(/\.\.\.notificationsMigrations,\n\s+\.\.\.beaconsMigrations,\n\];/);
  });

  it('changes nothing but the wiring lines (each edited file keeps every line it had)', () => {
    const { edits } = planFeature(root, 'beacons', TS);
    for (const [path, text] of Object.entries(edits)) {
      const before = read(path).split('\n');
      const after = text.split('\n');
      const added = after.length - before.length;
      expect([path, added >= 0 && added <= 7]).toEqual([path, true]);
      // every old line is still there, in order (a comma may have been added to one, the alias
      // to the jest pattern)
      let i = 0;
      for (const line of after) {
        const old = line.replace('|beacons)', ')');
        if (i < before.length && (old === before[i] || old === `${before[i]},`)) i++;
      }
      expect([path, i]).toEqual([path, before.length]);
    }
  });

  it('refuses a name that is not one lower-case word, or a library that exists', () => {
    expect(() => planFeature(root, 'Beacons')).toThrow(/one lower-case word/);
    expect(() => planFeature(root, 'lost-items')).toThrow(/one lower-case word/);
    expect(() => planFeature(root, 'panic')).toThrow(/libs\/panic exists already/);
  });

  it('stops before writing anything when a file to wire has changed shape', () => {
    const before = read('package.json');
    cpSync(join(repo, 'README.md'), join(root, 'apps/api/src/persistence.ts'));
    expect(() => applyPlan(root, planFeature(root, 'beacons', TS))).toThrow(/cannot find where to add/);
    expect(read('package.json')).toBe(before);
    expect(existsSync(join(root, 'libs/beacons'))).toBe(false);
  });
});
