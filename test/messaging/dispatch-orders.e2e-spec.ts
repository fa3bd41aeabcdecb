import { randomUUID } from 'node:crypto';
import { command, connect, flush, receivedOf, waitFor } from '../support/sockets.js';
import { pollUntil } from '../support/poll.js';
import { createUser } from '../support/test-app.js';
import { ofMessage, send, useMessagingWorld } from './messaging-fixture.js';

describe('dispatch orders', () => {
  const w = useMessagingWorld({ TIMER_POLL_MS: '100', MESSAGE_ACK_TIMEOUT_S: '2' });

  it('collects acknowledgements from guards and names the guards on shift who missed it, once', async () => {
    const [sup, g1, g2, gB, admin] = await Promise.all(
      [w.supA, w.guardA1, w.guardA2, w.guardB, w.admin].map(w.open),
    );
    const offShift = await w.open(await createUser(w.t, 'guard', [w.siteA]));
    for (const g of [g1, g2])
      expect(await command(g, 'shift_start', { siteId: w.siteA })).toMatchObject({ ok: true });

    const order = (await send(sup, { siteId: w.siteA, text: 'Lock down the east wing', requiresAck: true }))
      .data.message;
    expect(order).toMatchObject({ requiresAck: true, acknowledgedBy: [] });
    await waitFor(g1, 'message_created', ofMessage(order.id));

    const ack = await command(g1, 'message_acknowledge', { messageId: order.id });
    expect(ack.data.message.acknowledgedBy).toEqual([w.guardA1.id]);
    const seen = await waitFor(sup, 'message_acknowledged', ofMessage(order.id));
    expect(seen.data).toMatchObject({ userId: w.guardA1.id, message: { acknowledgedBy: [w.guardA1.id] } });
    // Twice is once: same answer, no second event.
    expect(
      (await command(g1, 'message_acknowledge', { messageId: order.id })).data.message.acknowledgedBy,
    ).toEqual([w.guardA1.id]);
    const refusals: [typeof g1, string, string][] = [
      [sup, order.id, 'FORBIDDEN'],
      [gB, order.id, 'NOT_FOUND'],
      [g1, randomUUID(), 'NOT_FOUND'],
    ];
    for (const [s, messageId, code] of refusals)
      expect(await command(s, 'message_acknowledge', { messageId })).toMatchObject({
        ok: false,
        error: { code },
      });
    const plain = (await send(sup, { siteId: w.siteA, text: 'just a note' })).data.message;
    expect(await command(g1, 'message_acknowledge', { messageId: plain.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    // Guard 2 (on shift) never acknowledges; the guard off shift is not waited for.
    const missed = await waitFor(sup, 'message_unacknowledged', ofMessage(order.id), 10_000);
    expect(missed.stream).toBe(`site:${w.siteA}:staff`);
    expect(missed.data.missing).toEqual([w.guardA2.id]);
    await waitFor(admin, 'message_unacknowledged', ofMessage(order.id));
    await Promise.all([flush(sup), flush(g2), flush(offShift)]);
    expect(receivedOf(g2, 'message_unacknowledged')).toHaveLength(0);
    expect(receivedOf(offShift, 'message_unacknowledged')).toHaveLength(0);
    const rows = (await w.t.db.query(
      `SELECT count(*)::int AS n FROM stream_events WHERE type = 'message_unacknowledged' AND data->'message'->>'id' = $1`,
      [order.id],
    )) as { n: number }[];
    expect(rows[0].n).toBe(1);
    expect(await w.t.db.query(`SELECT 1 FROM timers WHERE ref = $1`, [order.id])).toEqual([]);
  });

  it('drops the deadline of a deleted order, and keeps it through a restart', async () => {
    const sup = await w.open(w.supA);
    const cancelled = (await send(sup, { siteId: w.siteA, text: 'Never mind', requiresAck: true })).data
      .message;
    await command(sup, 'message_delete', { messageId: cancelled.id });
    expect(await w.t.db.query(`SELECT 1 FROM timers WHERE ref = $1`, [cancelled.id])).toEqual([]);

    const staff = `site:${w.siteA}:staff`;
    const cursor = (await command(sup, 'sync', { cursors: {} })).data.streams[staff].head as number;
    const order = (await send(sup, { siteId: w.siteA, text: 'Report in', requiresAck: true })).data.message;
    sup.close();
    w.t = await w.t.restart(); // the deadline (2 s) is still ahead when the first app stops
    const again = await connect(w.t.baseUrl, { token: w.supA.token });
    try {
      // Whether it fired before this socket connected or after: it is in the staff stream, once.
      const missed = await pollUntil(async () => {
        const page = (await command(again, 'sync', { cursors: { [staff]: cursor } })).data.streams[staff];
        const found = (page.events as any[]).filter((e) => e.type === 'message_unacknowledged');
        return found.length ? found : undefined;
      });
      expect(missed.map((e: any) => e.data.message.id)).toEqual([order.id]);
      expect(missed[0].data.missing.length).toBeGreaterThan(0);
    } finally {
      again.close();
    }
  });
});
