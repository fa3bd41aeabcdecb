import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startNode, type ApiNode } from '../support/cluster.js';
import { pollUntil } from '../support/poll.js';

const ADMIN = { email: 'ops@embedded-killed.test', password: 'a-long-password' };
const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

/**
 * The embedded PostgreSQL's postmaster killed (SIGKILL) under a running server: the server starts
 * it again and serves (or, past its restart budget, exits non-zero); never up and useless.
 */
describe('embedded PostgreSQL killed', () => {
  let dir: string;
  let node: ApiNode;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'patrolshield-embedded-'));
    await chmod(dir, 0o755); // the cluster runs as `postgres` when the tests run as root
    node = await startNode({
      DATABASE_URL: '',
      DATA_DIR: dir,
      REDIS_URL: '',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  });
  afterAll(async () => {
    await node?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const login = () => request(node.url).post('/api/v1/auth/login').send(ADMIN);

  it('is restarted by the server, which serves again', async () => {
    await login().expect(200);
    const killed = postmasterPid(dir);
    process.kill(killed, 'SIGKILL');
    await pollUntil(() => node.logs.some((l) => l.includes('embedded PostgreSQL exited unexpectedly')));
    const restarted = await pollUntil(async () => {
      if (node.process.exitCode !== null) return 'exited';
      // readiness, not login: a login per poll would run into the login rate limit
      const ready = (await request(node.url).get('/health/ready')).status === 200;
      return ready && postmasterPid(dir) !== killed ? 'serving' : false;
    }, 30_000);
    expect(restarted).toBe('serving');
    await login().expect(200);
  });

  it('exits non-zero once its restart budget is spent, never staying up and useless', async () => {
    await node.stop();
    node = await startNode({
      DATABASE_URL: '',
      DATA_DIR: dir,
      REDIS_URL: '',
      EMBEDDED_PG_MAX_RESTARTS: '0',
    });
    const exited = new Promise<number | null>((resolve) => node.process.once('exit', resolve));
    process.kill(postmasterPid(dir), 'SIGKILL');
    expect(await exited).toBe(1);
  });
});
