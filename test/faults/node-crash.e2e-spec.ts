import { redisAvailable, redisPrefix, startNode, type ApiNode } from '../support/cluster.js';
import { DbFixtures } from '../support/db-fixtures.js';
import { ResilientClient } from '../support/resilient-client.js';
import { freshDatabase } from '../support/test-app.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

const GUARDS = 8;
const PER_GUARD = 15;

/**
 * kill -9 of one node during a stream of commands from clients that retry: every acknowledged
 * command is stored once, and every staff client gets every event (live or through sync).
 */
suite('node crash (kill -9) under load', () => {
  let a: ApiNode;
  let b: ApiNode;
  let db: DbFixtures;
  const clients: ResilientClient[] = [];

  beforeAll(async () => {
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix(), WS_COMMANDS_PER_S: '1000' };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    db = new DbFixtures(databaseUrl);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([a?.stop('SIGKILL'), b?.stop()]);
    await db?.close();
  });

  it('stores every acknowledged command once and delivers every event after dedupe', async () => {
    const site = await db.site();
    const urls = [a.url, b.url];
    const staff = await Promise.all(
      [0, 1].map(async (i) => new ResilientClient(urls, (await db.user('supervisor', [site])).token, i)),
    );
    const guards = await Promise.all(
      Array.from(
        { length: GUARDS },
        async (_, i) => new ResilientClient(urls, (await db.user('guard', [site])).token, i % 2),
      ),
    );
    clients.push(...staff, ...guards);
    await Promise.all(clients.map((c) => c.connect()));

    let acked = 0;
    let killed = false;
    const results = await Promise.all(
      guards.map(async (g, gi) => {
        const acks = [];
        for (let n = 0; n < PER_GUARD; n++) {
          const ack = await g.send('create_incident', {
            siteId: site,
            type: 'OTHER',
            priority: 'LOW',
            title: `g${gi} #${n}`,
          });
          acks.push(ack);
          if (ack.ok && ++acked === Math.floor((GUARDS * PER_GUARD) / 3) && !killed) {
            killed = true;
            await a.stop('SIGKILL');
          }
        }
        return acks;
      }),
    );
    const acks = results.flat();
    expect(killed).toBe(true);
    expect(acks.every((x) => x.ok)).toBe(true);

    const [{ n: stored }] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM incidents WHERE site_id = $1',
      [site],
    );
    expect(Number(stored)).toBe(GUARDS * PER_GUARD);
    const ids = new Set(acks.map((x) => x.data.incident.id));
    expect(ids.size).toBe(GUARDS * PER_GUARD);

    const stream = `site:${site}:staff`;
    const storedEvents = await db.query<{ event_id: string; seq: string }>(
      `SELECT event_id, seq FROM stream_events WHERE stream = $1 AND type = 'incident_created' ORDER BY seq`,
      [stream],
    );
    for (const s of staff) {
      await s.sync();
      const got = [...s.events.values()].filter((e) => e.stream === stream && e.type === 'incident_created');
      expect(new Set(got.map((e) => e.id))).toEqual(new Set(storedEvents.map((e) => e.event_id)));
      expect(s.cursors()[stream]).toBeGreaterThanOrEqual(storedEvents.length);
    }
    const attempts = guards.reduce((sum, g) => sum + g.attempts, 0);
    const reconnects = clients.reduce((sum, c) => sum + c.reconnects, 0);
    console.log(
      `node-crash: commands=${GUARDS * PER_GUARD} attempts=${attempts} acked=${acks.length} stored=${stored} ` +
        `events=${storedEvents.length} delivered-per-staff=${storedEvents.length} reconnects=${reconnects}`,
    );
  });
});
