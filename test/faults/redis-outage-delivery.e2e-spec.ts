import request from 'supertest';
import { readinessIs, redisAvailable, startPrivateRedis, useTwoNodes } from '../support/cluster.js';
import { command, receivedOf, waitFor, waitForDisconnect, type TestSocket } from '../support/sockets.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

/** docs/protocol.md section 8: the promise is 2 s from commit to every entitled socket on every node. */
const WITHIN_MS = 2000;
const HERE = { lat: 52.52, lng: 13.405 };

/**
 * Redis killed under two nodes: durable events, revocations and site changes still reach the
 * sockets of the other node, in seq order per stream, through the event log in PostgreSQL.
 */
suite('delivery through a Redis outage', () => {
  const cluster = useTwoNodes({}, { privateRedis: true });
  const { open } = cluster;
  /** The seqs of one stream a socket received, in arrival order. */
  const seqsOn = (s: TestSocket, stream: string) =>
    s.received.filter((r) => r.data?.stream === stream).map((r) => r.data.seq as number);
  const headOf = async (stream: string) =>
    Number(
      (await cluster.db.query('SELECT head FROM stream_heads WHERE stream = $1', [stream]))[0]?.head ?? 0,
    );

  /** Runs `during` with Redis killed (both nodes see it), then restarts Redis on the same port. */
  const outage = async (during: () => Promise<void>) => {
    await cluster.redis.stop();
    await readinessIs([cluster.a, cluster.b], 503);
    try {
      await during();
    } finally {
      cluster.redis = await startPrivateRedis(cluster.redis.port);
    }
  };
  const incidentBy = (guard: TestSocket, siteId: string) => async (title: string) =>
    expect(
      (await command(guard, 'create_incident', { siteId, type: 'INTRUSION', priority: 'HIGH', title })).ok,
    ).toBe(true);
  const admin = () => cluster.db.user('admin');

  it('delivers a panic and incidents raised on one node to staff on the other, in seq order', async () => {
    const site = await cluster.db.site('One');
    const staff = `site:${site}:staff`;
    const guardOnA = await open(cluster.a, (await cluster.db.user('guard', [site])).token);
    const supOnB = await open(cluster.b, (await cluster.db.user('supervisor', [site])).token);
    const managerOnB = await open(cluster.b, (await cluster.db.user('manager', [site])).token);
    const incident = incidentBy(guardOnA, site);
    await incident('before the outage');
    await waitFor(supOnB, 'incident_created', (e) => e.data.incident.title === 'before the outage');

    await outage(async () => {
      const raised = await command(guardOnA, 'panic_alert', { location: HERE, type: 'PANIC' });
      expect(raised.ok).toBe(true);
      const ofPanic = (e: any) => e.data.panic.id === raised.data.panicId;
      await Promise.all([
        waitFor(supOnB, 'panic_alert', ofPanic, WITHIN_MS),
        waitFor(managerOnB, 'panic_alert', ofPanic, WITHIN_MS),
      ]);
      await Promise.all([1, 2, 3, 4].map((n) => incident(`outage ${n}`)));
      await waitFor(supOnB, 'incident_created', (e) => e.data.incident.title === 'outage 4', WITHIN_MS);
    });

    // Redis back: the fast-path messages queued meanwhile arrive late and are dropped; order goes on.
    await readinessIs([cluster.a, cluster.b], 200);
    for (const n of [1, 2]) await incident(`recovered ${n}`);
    await waitFor(supOnB, 'incident_created', (e) => e.data.incident.title === 'recovered 2', WITHIN_MS);
    await waitFor(managerOnB, 'incident_created', (e) => e.data.incident.title === 'recovered 2', WITHIN_MS);
    const head = await headOf(staff);
    for (const s of [supOnB, managerOnB]) {
      const seqs = seqsOn(s, staff);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
      expect(seqs[seqs.length - 1]).toBe(head);
      expect(receivedOf(s, 'panic_alert')).toHaveLength(1);
    }
  });

  it('cuts the socket on the other node of a user deactivated during the outage', async () => {
    const site = await cluster.db.site('Two');
    const leaving = await cluster.db.user('guard', [site]);
    const leavingOnB = await open(cluster.b, leaving.token);
    const { token } = await admin();
    await outage(async () => {
      const cut = waitForDisconnect(leavingOnB, WITHIN_MS);
      await request(cluster.a.url)
        .patch(`/api/v1/users/${leaving.id}`)
        .auth(token, { type: 'bearer' })
        .send({ active: false })
        .expect(200);
      expect(await waitFor(leavingOnB, 'session_revoked', () => true, WITHIN_MS)).toEqual({
        reason: 'USER_DEACTIVATED',
      });
      expect(await cut).toBe('io server disconnect');
    });
    await readinessIs([cluster.a, cluster.b], 200);
  });

  it('moves the socket on the other node of a user given a site during the outage', async () => {
    const [site, otherSite] = [await cluster.db.site('Three'), await cluster.db.site('Four')];
    const guardOnA = await open(cluster.a, (await cluster.db.user('guard', [site])).token);
    const moving = await cluster.db.user('supervisor', [otherSite]);
    const movingOnB = await open(cluster.b, moving.token);
    const { token } = await admin();
    await outage(async () => {
      await request(cluster.a.url)
        .put(`/api/v1/users/${moving.id}/sites`)
        .auth(token, { type: 'bearer' })
        .send({ siteIds: [site] })
        .expect(200);
      expect(await waitFor(movingOnB, 'assignments_changed', () => true, WITHIN_MS)).toEqual({
        siteIds: [site],
        role: 'supervisor',
      });
      // It follows the new site's stream now, still without Redis.
      await incidentBy(guardOnA, site)('after the move');
      await waitFor(
        movingOnB,
        'incident_created',
        (e) => e.data.incident.title === 'after the move',
        WITHIN_MS,
      );
    });
    await readinessIs([cluster.a, cluster.b], 200);
  });

  it('rechecks its sockets when Redis comes back: a user deactivated meanwhile is cut', async () => {
    const site = await cluster.db.site('Five');
    const user = await cluster.db.user('guard', [site]);
    const onB = await open(cluster.b, user.token);
    const cut = waitForDisconnect(onB, 20_000);
    await outage(async () => {
      // Written straight to the database: no revocation was sent, the recheck must find it.
      await cluster.db.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
    });
    expect(await waitFor(onB, 'session_revoked', () => true, 20_000)).toEqual({ reason: 'USER_DEACTIVATED' });
    expect(await cut).toBe('io server disconnect');
  });
});
