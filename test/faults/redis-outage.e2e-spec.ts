import request from 'supertest';
import { readinessIs, redisAvailable, startPrivateRedis, useTwoNodes } from '../support/cluster.js';
import { retryUntil } from '../support/retry.js';
import { command, waitFor } from '../support/sockets.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

/** Redis stopped and restarted under two nodes: local delivery continues, cross-node resumes. */
suite('Redis outage', () => {
  const cluster = useTwoNodes({}, { privateRedis: true });
  const { open } = cluster;

  it('keeps serving local sockets, reports not ready, and resumes cross-node delivery', async () => {
    const site = await cluster.db.site();
    const admin = await cluster.db.user('admin');
    const supA = await cluster.db.user('supervisor', [site]);
    const supB = await cluster.db.user('supervisor', [site]);
    const onA = await open(cluster.a, supA.token);
    const onB = await open(cluster.b, supB.token);
    const g1 = await cluster.db.user('guard', [site]);
    await open(cluster.a, g1.token);
    await waitFor(onB, 'presence_changed', (p) => p.userId === g1.id); // cross-node works

    await cluster.redis.stop();
    await readinessIs([cluster.a], 503);
    // Local delivery and commands continue on node A.
    await request(cluster.a.url)
      .put(`/api/v1/users/${supA.id}/sites`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ siteIds: [site] })
      .expect(200);
    expect(await waitFor(onA, 'assignments_changed')).toEqual({ siteIds: [site], role: 'supervisor' });
    expect((await command(onA, 'get_presence', { siteId: site })).ok).toBe(true);

    cluster.redis = await startPrivateRedis(cluster.redis.port);
    await readinessIs([cluster.a, cluster.b], 200);
    // The adapter resubscribes after reconnecting; retry the cross-node event until B hears it
    // (a fresh guard each attempt, since a user already online is not announced again).
    await retryUntil(
      async () => {
        const g2 = await cluster.db.user('guard', [site]);
        const s = await open(cluster.a, g2.token);
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
