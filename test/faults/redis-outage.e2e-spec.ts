import request from 'supertest';
import {
  redisAvailable,
  redisPrefix,
  startNode,
  startPrivateRedis,
  type ApiNode,
} from '../support/cluster.js';
import { DbFixtures } from '../support/db-fixtures.js';
import { retryUntil } from '../support/retry.js';
import { command, connect, waitFor, type TestSocket } from '../support/sockets.js';
import { freshDatabase } from '../support/test-app.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

/** Redis stopped and restarted under two nodes: local delivery continues, cross-node resumes. */
suite('Redis outage', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let a: ApiNode;
  let b: ApiNode;
  let db: DbFixtures;
  const sockets: TestSocket[] = [];
  const open = async (node: ApiNode, token: string) => {
    const s = await connect(node.url, { token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, REDIS_PREFIX: redisPrefix() };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    db = new DbFixtures(databaseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await db?.close();
  });

  it('keeps serving local sockets, reports not ready, and resumes cross-node delivery', async () => {
    const site = await db.site();
    const admin = await db.user('admin');
    const supA = await db.user('supervisor', [site]);
    const supB = await db.user('supervisor', [site]);
    const onA = await open(a, supA.token);
    const onB = await open(b, supB.token);
    const g1 = await db.user('guard', [site]);
    await open(a, g1.token);
    await waitFor(onB, 'presence_changed', (p) => p.userId === g1.id); // cross-node works

    await redis.stop();
    await retryUntil(
      () =>
        request(a.url)
          .get('/health/ready')
          .then((r) => r.status),
      (status) => status === 503,
    );
    // Local delivery and commands continue on node A.
    await request(a.url)
      .put(`/api/v1/users/${supA.id}/sites`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ siteIds: [site] })
      .expect(200);
    expect(await waitFor(onA, 'assignments_changed')).toEqual({ siteIds: [site], role: 'supervisor' });
    expect((await command(onA, 'get_presence', { siteId: site })).ok).toBe(true);

    redis = await startPrivateRedis(redis.port);
    await retryUntil(
      () =>
        Promise.all(
          [a, b].map((n) =>
            request(n.url)
              .get('/health/ready')
              .then((r) => r.status),
          ),
        ),
      (codes) => codes.every((c) => c === 200),
    );
    // The adapter resubscribes after reconnecting; retry the cross-node event until B hears it
    // (a fresh guard each attempt, since a user already online is not announced again).
    await retryUntil(
      async () => {
        const g2 = await db.user('guard', [site]);
        const s = await open(a, g2.token);
        try {
          await waitFor(onB, 'presence_changed', (p) => p.userId === g2.id, 1500);
          return true;
        } catch {
          s.close();
          return false;
        }
      },
      (ok) => ok,
      20,
      100,
    );
  });
});
