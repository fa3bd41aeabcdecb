import { AuditService } from '../../libs/realtime/src/index.js';
import { command, flush, rawCommand, receivedOf, waitFor } from '../support/sockets.js';
import { send, useMessagingWorld } from './messaging-fixture.js';

describe('typing', () => {
  const w = useMessagingWorld();

  it('reaches the other members only, ends by itself after 6 s, is throttled and never audited', async () => {
    const [sup, g1, g2, gB] = await Promise.all([w.supA, w.guardA1, w.guardA2, w.guardB].map(w.open));
    const g1Again = await w.open(w.guardA1); // the typist's other device hears nothing of itself
    const { conversationId } = (await send(sup, { siteId: w.siteA, text: 'shift briefing' })).data.message;

    expect(await command(g1, 'typing', { conversationId, typing: true })).toEqual({ ok: true, data: {} });
    const on = await waitFor(sup, 'typing', (e) => e.typing === true);
    expect(on).toEqual({ conversationId, userId: w.guardA1.id, typing: true });
    await waitFor(g2, 'typing', (e) => e.userId === w.guardA1.id && e.typing);
    // A repeat within the throttle window only extends the expiry: nobody hears it twice.
    await command(g1, 'typing', { conversationId, typing: true });
    await Promise.all([flush(sup), flush(gB), flush(g1), flush(g1Again)]);
    expect(receivedOf(sup, 'typing')).toHaveLength(1);
    expect(receivedOf(gB, 'typing')).toHaveLength(0);
    expect(receivedOf(g1, 'typing')).toHaveLength(0);
    expect(receivedOf(g1Again, 'typing')).toHaveLength(0);

    // No typing:false from the client: the server sends it 6 s after the last typing:true.
    const startedAt = Date.now();
    const off = await waitFor(sup, 'typing', (e) => e.typing === false, 10_000);
    expect(off).toEqual({ conversationId, userId: w.guardA1.id, typing: false });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4000);

    // An explicit stop is passed on at once; a stop when not typing is not.
    await command(g2, 'typing', { conversationId, typing: true });
    await waitFor(sup, 'typing', (e) => e.userId === w.guardA2.id && e.typing);
    await command(g2, 'typing', { conversationId, typing: false });
    await waitFor(sup, 'typing', (e) => e.userId === w.guardA2.id && !e.typing);
    await command(g2, 'typing', { conversationId, typing: false });
    await flush(sup);
    expect(receivedOf(sup, 'typing').filter((e) => e.userId === w.guardA2.id)).toHaveLength(2);

    expect(await command(gB, 'typing', { conversationId, typing: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await rawCommand(g1, 'typing', { conversationId, typing: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    // Its own budget: 10 per 5 s per user, on top of the user's budget for all commands.
    const burst = [];
    for (let i = 0; i < 12; i++)
      burst.push(await command(sup, 'typing', { conversationId, typing: i % 2 === 0 }));
    expect(burst.filter((a) => a.ok)).toHaveLength(10);
    expect(burst.at(-1)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } },
    });

    await w.t.app.get(AuditService).flush();
    const audited = (await w.t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE event = 'typing'`,
    )) as { n: number }[];
    expect(audited[0].n).toBe(0);
    const sends = (await w.t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE event = 'message_send'`,
    )) as { n: number }[];
    expect(sends[0].n).toBeGreaterThan(0);
  });
});
