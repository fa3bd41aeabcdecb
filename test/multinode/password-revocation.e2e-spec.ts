import request from 'supertest';
import { redisAvailable, useTwoNodes } from '../support/cluster.js';
import { connectRefused, waitFor, waitForDisconnect } from '../support/sockets.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;
if (!hasRedis)
  console.warn('multi-node suites skipped: no Redis (set REQUIRE_REDIS=1 to make this an error)');

/** docs/protocol.md section 8: a password change revokes live sockets and older tokens on every node. */
suite('two nodes on one Redis: a password change', () => {
  const cluster = useTwoNodes();

  it('made through node A cuts the socket on node B; the old token is refused by both nodes', async () => {
    const admin = await cluster.db.user('admin');
    const guard = await cluster.db.user('guard', [await cluster.db.site()]);
    const onB = await cluster.open(cluster.b, guard.token);
    const gone = waitForDisconnect(onB);
    await request(cluster.a.url)
      .patch(`/api/v1/users/${guard.id}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ password: 'changed-on-a-1' })
      .expect(200);
    expect(await waitFor(onB, 'session_revoked')).toEqual({ reason: 'PASSWORD_CHANGED' });
    await gone;
    for (const node of [cluster.a, cluster.b]) {
      await request(node.url).get('/api/v1/sites').set('Authorization', `Bearer ${guard.token}`).expect(401);
      expect((await connectRefused(node.url, { token: guard.token })).data.code).toBe('AUTH_INVALID');
    }
  });
});
