import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { freshDatabase, TEST_JWT_SECRET } from '../support/test-app.js';

const MAIN = resolve(import.meta.dirname ?? '.', '../../dist/apps/api/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built server until it exits, or until `until` matches its stdout (then SIGTERM). */
function runServer(env: Record<string, string>, until?: RegExp): Promise<Run> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    if (until?.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

/** A TCP port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('what the server prints at boot', () => {
  it('names the bad value it got, e.g. PORT=abc, and exits 2', async () => {
    const run = await runServer({ PORT: 'abc', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PORT: .*\(got "abc"\)/);
  });

  it('says in one line that an external database is unreachable, without stack traces', async () => {
    const port = await closedPort();
    const run = await runServer({ DATABASE_URL: `postgres://ps:secret-pw@127.0.0.1:${port}/patrolshield` });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/patrolshield .*ECONNREFUSED`),
    );
    expect(run.stderr + run.stdout).not.toContain('secret-pw');
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('logs JSON when stdout is not a terminal, with the route mapping folded into debug level', async () => {
    const run = await runServer({ DATABASE_URL: await freshDatabase(), LOG_LEVEL: 'info' }, /"msg":"ready"/);
    // Log lines, then the banner (plain text for people) once ready.
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('{'));
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; context?: string });
    expect(run.stdout).toContain('PatrolShield is ready');
    expect(entries.some((e) => e.msg === 'ready')).toBe(true);
    expect(entries.filter((e) => e.context === 'RouterExplorer' || e.context === 'RoutesResolver')).toEqual(
      [],
    );
    expect(run.stdout).not.toContain('Mapped {');
  });
});
