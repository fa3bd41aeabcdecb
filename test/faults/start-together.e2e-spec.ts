import request from 'supertest';
import { DEMO_SITES } from '../../apps/api/src/seed/demo-organisation.js';
import { startNode, type ApiNode } from '../support/cluster.js';
import { DbFixtures } from '../support/db-fixtures.js';
import { freshDatabase } from '../support/test-app.js';

const NODES = 2;
const ADMIN = { email: 'ops@start-together.test', password: 'a-long-password' };

/**
 * Several nodes started at the same moment on an empty database, as an orchestrator starts
 * replicas: all come up, the migrations, the first admin and the demo seed happen once.
 */
describe('nodes started together on an empty database', () => {
  let nodes: ApiNode[] = [];
  let db: DbFixtures;

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.close();
  });

  it('all come up with exactly one first admin and one demo organisation', async () => {
    const databaseUrl = await freshDatabase();
    db = new DbFixtures(databaseUrl);
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: '', // one node's worth of setup each: the race is in PostgreSQL
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      DEMO_DATA: 'true',
    };
    const started = await Promise.allSettled(Array.from({ length: NODES }, () => startNode(env)));
    nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(
      started.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);

    const admins = await db.query<{ email: string }>(
      `SELECT email FROM users WHERE role = 'admin' ORDER BY email`,
    );
    expect(admins.filter((a) => a.email === ADMIN.email)).toHaveLength(1);
    expect(await db.query(`SELECT name FROM sites`)).toHaveLength(DEMO_SITES.length);
    const migrations = await db.query<{ name: string }>(`SELECT name FROM migrations`);
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
    for (const node of nodes) await request(node.url).post('/api/v1/auth/login').send(ADMIN).expect(200);
  });
});
