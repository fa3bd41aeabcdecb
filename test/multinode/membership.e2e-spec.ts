import request from 'supertest';
import { redisAvailable, useTwoNodes } from '../support/cluster.js';
import { command, waitFor, waitForDisconnect } from '../support/sockets.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;
if (!hasRedis)
  console.warn('multi-node suites skipped: no Redis (set REQUIRE_REDIS=1 to make this an error)');

suite('two nodes on one Redis: membership, revocation, throttling', () => {
  const cluster = useTwoNodes({ WS_JOIN_SITE_PER_MIN: '3' });

  it('a reassignment made through node A moves a socket on node B', async () => {
    const [s1, s2] = [await cluster.db.site('One'), await cluster.db.site('Two')];
    const admin = await cluster.db.user('admin');
    const sup = await cluster.db.user('supervisor', [s1]);
    const onB = await cluster.open(cluster.b, sup.token);
    expect((await command(onB, 'get_presence', { siteId: s1 })).ok).toBe(true);
    await request(cluster.a.url)
      .put(`/api/v1/users/${sup.id}/sites`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ siteIds: [s2] })
      .expect(200);
    expect(await waitFor(onB, 'assignments_changed')).toEqual({ siteIds: [s2], role: 'supervisor' });
    expect((await command(onB, 'get_presence', { siteId: s1 })).error.code).toBe('FORBIDDEN');
    expect((await command(onB, 'get_presence', { siteId: s2 })).ok).toBe(true);
    // The moved socket now hears site Two's staff room, fed from node A.
    const guard = await cluster.db.user('guard', [s2]);
    await cluster.open(cluster.a, guard.token);
    const online = await waitFor(onB, 'presence_changed', (p) => p.userId === guard.id);
    expect(online.status).toBe('online');
  });

  it('deactivating a user through node A revokes its socket on node B', async () => {
    const admin = await cluster.db.user('admin');
    const guard = await cluster.db.user('guard', [await cluster.db.site()]);
    const onB = await cluster.open(cluster.b, guard.token);
    const gone = waitForDisconnect(onB);
    await request(cluster.a.url)
      .patch(`/api/v1/users/${guard.id}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ active: false })
      .expect(200);
    expect(await waitFor(onB, 'session_revoked')).toEqual({ reason: 'USER_DEACTIVATED' });
    await gone;
  });

  it('counts a user rate limit across nodes', async () => {
    const site = await cluster.db.site();
    const sup = await cluster.db.user('supervisor', [site]);
    const onA = await cluster.open(cluster.a, sup.token);
    const onB = await cluster.open(cluster.b, sup.token);
    const results = [];
    for (const s of [onA, onB, onA, onB]) results.push(await command(s, 'join_site', { siteId: site }));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3].error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(results[3].error.details.retryAfterMs).toBeGreaterThan(0);
  });
});
