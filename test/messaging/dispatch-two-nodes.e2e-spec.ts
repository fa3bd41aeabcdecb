import { redisAvailable, useTwoNodes } from '../support/cluster.js';
import { command, flush, receivedOf, waitFor } from '../support/sockets.js';
import { ofMessage, send } from './messaging-fixture.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

suite('dispatch orders across two nodes', () => {
  const cluster = useTwoNodes({ TIMER_POLL_MS: '100', MESSAGE_ACK_TIMEOUT_S: '2' });

  it('delivers an order and its acknowledgement across nodes, and fires its deadline once', async () => {
    const [site, otherSite] = [await cluster.db.site('One'), await cluster.db.site('Two')];
    const supOnA = await cluster.open(cluster.a, (await cluster.db.user('supervisor', [site])).token);
    const supOnB = await cluster.open(cluster.b, (await cluster.db.user('manager', [site])).token);
    const ackerOnB = await cluster.open(cluster.b, (await cluster.db.user('guard', [site])).token);
    const idler = await cluster.db.user('guard', [site]);
    const idlerOnA = await cluster.open(cluster.a, idler.token);
    const strangerOnB = await cluster.open(cluster.b, (await cluster.db.user('guard', [otherSite])).token);
    for (const g of [ackerOnB, idlerOnA])
      expect(await command(g, 'shift_start', { siteId: site })).toMatchObject({ ok: true });

    const sent = await send(supOnA, { siteId: site, text: 'Evacuate level 2', requiresAck: true });
    expect(sent).toMatchObject({ ok: true });
    const order = sent.data.message;
    await waitFor(ackerOnB, 'message_created', ofMessage(order.id));
    await command(ackerOnB, 'message_acknowledge', { messageId: order.id });
    await waitFor(supOnA, 'message_acknowledged', ofMessage(order.id));

    // Both nodes poll timers; the deadline fires on one of them, and staff on both hear it once.
    const [onA, onB] = await Promise.all([
      waitFor(supOnA, 'message_unacknowledged', ofMessage(order.id), 15_000),
      waitFor(supOnB, 'message_unacknowledged', ofMessage(order.id), 15_000),
    ]);
    expect(onA.id).toBe(onB.id);
    expect(onA.data.missing).toEqual([idler.id]);
    await Promise.all([supOnA, supOnB, idlerOnA, strangerOnB].map(flush));
    expect(receivedOf(supOnA, 'message_unacknowledged')).toHaveLength(1);
    expect(receivedOf(supOnB, 'message_unacknowledged')).toHaveLength(1);
    expect(receivedOf(idlerOnA, 'message_unacknowledged')).toHaveLength(0);
    expect(receivedOf(strangerOnB, 'message_created')).toHaveLength(0);
    const rows = await cluster.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stream_events WHERE type = 'message_unacknowledged'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
