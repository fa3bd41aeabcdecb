import { redisAvailable, redisPrefix, startNode, type ApiNode } from '../support/cluster.js';
import { DbFixtures } from '../support/db-fixtures.js';
import { command, connect, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { freshDatabase } from '../support/test-app.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

suite('panic across two nodes', () => {
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
    const databaseUrl = await freshDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: redisPrefix(),
      TIMER_POLL_MS: '100',
      PANIC_RECEIPT_TIMEOUT_S: '2',
      PANIC_ESCALATION_L2_S: '3',
      PANIC_ESCALATION_L3_S: '600',
    };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    db = new DbFixtures(databaseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
  });

  it('reaches staff on the other node only, collects receipts across nodes, and escalates once', async () => {
    const [s1, s2] = [await db.site('One'), await db.site('Two')];
    const guard = await db.user('guard', [s1]);
    const supOnB = await open(b, (await db.user('supervisor', [s1])).token);
    supOnB.socket.on('panic_alert', (_env: unknown, ack?: () => void) => ack?.());
    const otherGuardOnB = await open(b, (await db.user('guard', [s1])).token);
    const otherSiteOnB = await open(b, (await db.user('supervisor', [s2])).token);
    const managerOnA = await open(a, (await db.user('manager', [s1])).token);
    const guardOnA = await open(a, guard.token);

    const ack = await command(guardOnA, 'panic_alert', {
      location: { lat: 52.52, lng: 13.405 },
      type: 'PANIC',
    });
    expect(ack).toMatchObject({ ok: true, data: { duplicate: false } });
    const { panicId } = ack.data;
    const alert = await waitFor(supOnB, 'panic_alert', (e) => e.data.panic.id === panicId);
    expect(alert.stream).toBe(`site:${s1}:staff`);

    // Receipt confirmed by the supervisor on node B travels back to node A: no NO_RECEIPT escalation.
    const delivery = await waitFor(guardOnA, 'panic_delivery', (e) => e.data.panicId === panicId);
    expect(delivery.data.confirmedBy).toBeGreaterThanOrEqual(1);

    // Nobody acknowledges: the level-2 deadline fires once although two nodes poll timers.
    const escalated = await waitFor(
      managerOnA,
      'panic_escalated',
      (e) => e.data.panic.id === panicId,
      15_000,
    );
    expect(escalated.data).toMatchObject({ level: 2, reason: 'NOT_ACKNOWLEDGED' });
    await Promise.all([flush(otherGuardOnB), flush(otherSiteOnB), flush(managerOnA)]);
    expect(receivedOf(otherGuardOnB, 'panic_alert')).toHaveLength(0);
    expect(receivedOf(otherSiteOnB, 'panic_alert')).toHaveLength(0);
    expect(receivedOf(managerOnA, 'panic_escalated').filter((e) => e.data.level === 2)).toHaveLength(1);
    const rows = await db.query<{ stream: string; n: string }>(
      `SELECT stream, count(*) AS n FROM stream_events WHERE type = 'panic_escalated' AND data->>'level' = '2' GROUP BY stream`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });
});
