import { redisAvailable, useTwoNodes } from '../support/cluster.js';
import { command, flush, receivedOf, waitFor } from '../support/sockets.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

suite('panic across two nodes', () => {
  const cluster = useTwoNodes({
    TIMER_POLL_MS: '100',
    PANIC_RECEIPT_TIMEOUT_S: '2',
    PANIC_ESCALATION_L2_S: '3',
    PANIC_ESCALATION_L3_S: '600',
  });

  it('reaches staff on the other node only, collects receipts across nodes, and escalates once', async () => {
    const [s1, s2] = [await cluster.db.site('One'), await cluster.db.site('Two')];
    const guard = await cluster.db.user('guard', [s1]);
    const supOnB = await cluster.open(cluster.b, (await cluster.db.user('supervisor', [s1])).token);
    supOnB.socket.on('panic_alert', (_env: unknown, ack?: () => void) => ack?.());
    const otherGuardOnB = await cluster.open(cluster.b, (await cluster.db.user('guard', [s1])).token);
    const otherSiteOnB = await cluster.open(cluster.b, (await cluster.db.user('supervisor', [s2])).token);
    const managerOnA = await cluster.open(cluster.a, (await cluster.db.user('manager', [s1])).token);
    const guardOnA = await cluster.open(cluster.a, guard.token);

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
    const rows = await cluster.db.query<{ stream: string; n: string }>(
      `SELECT stream, count(*) AS n FROM stream_events WHERE type = 'panic_escalated' AND data->>'level' = '2' GROUP BY stream`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });
});
