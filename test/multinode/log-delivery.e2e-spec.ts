import request from 'supertest';
import { redisAvailable, redisPrefix, startNode, type ApiNode } from '../support/cluster.js';
import { DbFixtures } from '../support/db-fixtures.js';
import { pollUntil } from '../support/poll.js';
import { command, connect, waitFor, waitForDisconnect, type TestSocket } from '../support/sockets.js';
import { freshDatabase } from '../support/test-app.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

const WITHIN_MS = 2000;

/**
 * Three nodes on one database: A and B share a Redis key prefix, C has its own, so Redis never
 * carries anything between C and the others (a partition, with Redis up). A burst of concurrent
 * commands on all three reaches every staff socket once each, in seq order, with no gap: on A and
 * B through both Redis and the log, on C through the log alone.
 */
suite('durable delivery across nodes, Redis partitioned', () => {
  let nodes: ApiNode[] = [];
  let db: DbFixtures;
  const sockets: TestSocket[] = [];
  const open = async (node: ApiNode, token: string) => {
    const s = await connect(node.url, { token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    const databaseUrl = await freshDatabase();
    const shared = redisPrefix();
    nodes = await Promise.all(
      [shared, shared, redisPrefix()].map((prefix) =>
        startNode({ DATABASE_URL: databaseUrl, REDIS_PREFIX: prefix }),
      ),
    );
    db = new DbFixtures(databaseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.close();
  });

  it('delivers a concurrent burst from every node to staff on every node, once each, in order', async () => {
    const site = await db.site('Burst');
    const staff = `site:${site}:staff`;
    const staffSockets = await Promise.all(
      nodes.map(async (n) => open(n, (await db.user('supervisor', [site])).token)),
    );
    const guards = await Promise.all(nodes.map(async (n) => open(n, (await db.user('guard', [site])).token)));
    const acks = await Promise.all(
      guards.flatMap((g, node) =>
        [1, 2, 3, 4, 5].map((n) =>
          command(g, 'create_incident', {
            siteId: site,
            type: 'INTRUSION',
            priority: 'HIGH',
            title: `node ${node} #${n}`,
          }),
        ),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const [{ head }] = await db.query<{ head: string }>('SELECT head FROM stream_heads WHERE stream = $1', [
      staff,
    ]);
    const seqsOn = (s: TestSocket) =>
      s.received.filter((r) => r.data?.stream === staff).map((r) => r.data.seq as number);
    const since = Date.now();
    await pollUntil(() => staffSockets.every((s) => seqsOn(s).includes(Number(head))), WITHIN_MS);
    expect(Date.now() - since).toBeLessThan(WITHIN_MS);
    for (const s of staffSockets) {
      const seqs = seqsOn(s);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
      expect(seqs.filter((q) => q > Number(head) - 15)).toHaveLength(15);
    }
  });

  it('reads what was committed while its log listener was cut off', async () => {
    const site = await db.site('Listener');
    const onC = await open(nodes[2], (await db.user('supervisor', [site])).token);
    const guardOnA = await open(nodes[0], (await db.user('guard', [site])).token);
    const listeners = () =>
      db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'patrolshield-log-listener'`);
    expect(await listeners()).toHaveLength(3);
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'patrolshield-log-listener'`,
    );
    const ack = await command(guardOnA, 'create_incident', {
      siteId: site,
      type: 'INTRUSION',
      priority: 'HIGH',
      title: 'while nobody listened',
    });
    expect(ack.ok).toBe(true);
    await waitFor(
      onC,
      'incident_created',
      (e) => e.data.incident.title === 'while nobody listened',
      WITHIN_MS,
    );
    await pollUntil(async () => (await listeners()).length === 3);
  });

  it('cuts the sockets of a deactivated user on a node Redis does not reach', async () => {
    const [admin, user] = [await db.user('admin'), await db.user('guard', [await db.site('Cut')])];
    const onC = await open(nodes[2], user.token);
    const cut = waitForDisconnect(onC, WITHIN_MS);
    await request(nodes[0].url)
      .patch(`/api/v1/users/${user.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    expect(await waitFor(onC, 'session_revoked', () => true, WITHIN_MS)).toEqual({
      reason: 'USER_DEACTIVATED',
    });
    expect(await cut).toBe('io server disconnect');
  });
});
