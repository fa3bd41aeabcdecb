import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
const ROOT = process.cwd();
const PACKAGE = resolve(ROOT, 'libs/client');

// An app of its own, outside the repository: the packed SDK and socket.io-client, nothing else.
const CONSUMER_JS = `
import { COMMAND_NAMES, PatrolShieldClient } from '@patrolshield/client';
const [url, token] = process.argv.slice(2);
const client = new PatrolShieldClient({ url, getToken: () => token });
const session = await client.connect();
const ack = await client.command('get_presence', { siteId: session.siteIds[0] });
client.close();
console.log(JSON.stringify({
  entry: import.meta.resolve('@patrolshield/client'),
  commands: COMMAND_NAMES.length,
  userId: session.userId,
  presence: ack.users.map((u) => u.userId),
}));
`;
const CONSUMER_TS = `
import { PatrolShieldClient, type AckOf, type ServerEvents } from '@patrolshield/client';
declare const client: PatrolShieldClient;
export const raised: Promise<AckOf<'panic_alert'>> = client.command('panic_alert', { location: { lat: 1, lng: 2 } });
export const seen = (env: ServerEvents['panic_alert']): string => env.data.panic.id;
// @ts-expect-error: the contract has no such command (fails if the types did not resolve: any accepts it)
void client.command('panik_alert', {});
`;
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'ES2023',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  files: ['consumer.ts'],
};

/**
 * The SDK as a package: `npm pack` of libs/client (what its `files` ship), installed into an empty
 * folder beside socket.io-client, imported by plain Node and type-checked by a strict consumer.
 */
describe('client package', () => {
  let t: TestApp;
  let app: string;

  beforeAll(async () => {
    if (!existsSync(join(PACKAGE, 'dist/node/index.js')))
      throw new Error('libs/client/dist missing: run `npm run build` (or `npm run build:client`) first');
    t = await startTestApp();
    app = await realpath(await mkdtemp(join(tmpdir(), 'ps-client-package-')));
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', app], {
      cwd: PACKAGE,
    });
    const tarball = join(app, stdout.trim().split('\n').pop()!);
    const scope = join(app, 'node_modules/@patrolshield');
    await mkdir(scope, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', scope]);
    await rename(join(scope, 'package'), join(scope, 'client'));
    await symlink(resolve(ROOT, 'node_modules/socket.io-client'), join(app, 'node_modules/socket.io-client'));
    await writeFile(join(app, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await writeFile(join(app, 'consumer.mjs'), CONSUMER_JS);
    await writeFile(join(app, 'consumer.ts'), CONSUMER_TS);
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
  });
  afterAll(async () => {
    await t?.close();
    if (app) await rm(app, { recursive: true, force: true });
  });

  it('runs in Node from its own files: connects and answers a command', async () => {
    const siteId = await createSite(t);
    const staff = await createUser(t, 'supervisor', [siteId]);
    const { stdout } = await run(process.execPath, ['consumer.mjs', t.baseUrl, staff.token], { cwd: app });
    const out = JSON.parse(stdout);
    expect(out.entry).toBe(`file://${join(app, 'node_modules/@patrolshield/client/dist/node/index.js')}`);
    expect(out.commands).toBeGreaterThan(20);
    expect(out.userId).toBe(staff.id);
    expect(out.presence).toEqual(expect.any(Array));
  });

  it('type-checks a strict consumer against its own declarations, contract included', async () => {
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    const errors = await run(process.execPath, [tsc, '-p', '.'], { cwd: app }).then(
      () => '',
      (e: Error & { stdout?: string }) => e.stdout || e.message,
    );
    expect(errors).toBe('');
  });
});
