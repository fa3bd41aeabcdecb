import { randomUUID } from 'node:crypto';
import { command, flush, receivedOf, waitFor } from '../support/sockets.js';
import { createSite, createUser } from '../support/test-app.js';
import { ofMessage, send, useMessagingWorld } from './messaging-fixture.js';

const countMessages = async (w: ReturnType<typeof useMessagingWorld>) =>
  ((await w.t.db.query('SELECT count(*)::int AS n FROM messages')) as { n: number }[])[0].n;

describe('messages over sockets', () => {
  const w = useMessagingWorld();

  it('sends, edits and deletes in a site conversation: its staff and guards hear it, no other site', async () => {
    const [sup, g1, g2, supB, gB, admin] = await Promise.all(
      [w.supA, w.guardA1, w.guardA2, w.supB, w.guardB, w.admin].map(w.open),
    );
    const sent = await send(g1, { siteId: w.siteA, text: '  <b>All clear</b> at gate\u0007 3 ' });
    expect(sent).toMatchObject({ ok: true });
    const { message } = sent.data;
    expect(message).toMatchObject({
      kind: 'site',
      siteId: w.siteA,
      sender: { id: w.guardA1.id, name: 'Gina Guard', role: 'guard' },
      text: 'All clear at gate 3',
      requiresAck: false,
      acknowledgedBy: [],
      editedAt: null,
      deletedAt: null,
    });
    const toStaff = await waitFor(sup, 'message_created', ofMessage(message.id));
    expect(toStaff.stream).toBe(`site:${w.siteA}:staff`);
    expect((await waitFor(admin, 'message_created', ofMessage(message.id))).stream).toBe(
      `site:${w.siteA}:staff`,
    );
    const toGuards = await waitFor(g2, 'message_created', ofMessage(message.id));
    expect(toGuards.stream).toBe(`site:${w.siteA}:guards`);
    expect(toGuards.id).toBe(toStaff.id);

    const edited = await command(g1, 'message_edit', { messageId: message.id, text: 'All clear, gate 3' });
    expect(edited.data.message).toMatchObject({ text: 'All clear, gate 3', editedAt: expect.any(String) });
    await waitFor(g2, 'message_edited', (e) => e.data.message.text === 'All clear, gate 3');

    // Site staff may delete a guard's message in the site conversation: a tombstone.
    const deleted = await command(sup, 'message_delete', { messageId: message.id });
    expect(deleted.data.message).toMatchObject({ id: message.id, text: null, deletedAt: expect.any(String) });
    const tomb = await waitFor(g1, 'message_deleted', ofMessage(message.id));
    expect(tomb.data.message.text).toBeNull();
    expect(await command(sup, 'message_delete', { messageId: message.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    await Promise.all([supB, gB].map(flush));
    for (const s of [supB, gB])
      for (const type of ['message_created', 'message_edited', 'message_deleted'] as const)
        expect(receivedOf(s, type)).toHaveLength(0);
  });

  it('delivers a direct conversation to its two people only, created by the first message', async () => {
    const [sup, g1, g2] = await Promise.all([w.supA, w.guardA1, w.guardA2].map(w.open));
    const first = await send(sup, { toUserId: w.guardA1.id, text: 'Call me when you can' });
    expect(first.data.message).toMatchObject({ kind: 'direct', siteId: null });
    const conversationId = first.data.message.conversationId;
    const heard = await waitFor(g1, 'message_created', ofMessage(first.data.message.id));
    expect(heard.stream).toBe(`user:${w.guardA1.id}`);
    expect(heard.siteId).toBeNull();

    const reply = await send(g1, { conversationId, text: 'On my way' });
    expect(reply.data.message.conversationId).toBe(conversationId);
    const again = await send(g1, { toUserId: w.supA.id, text: 'Same conversation' });
    expect(again.data.message.conversationId).toBe(conversationId);
    await waitFor(sup, 'message_created', ofMessage(again.data.message.id));

    await flush(g2);
    expect(
      receivedOf(g2, 'message_created').filter((e) => e.data.message.conversationId === conversationId),
    ).toEqual([]);
    // Not a member: the conversation does not exist for a third person.
    expect(await send(g2, { conversationId, text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('creates one conversation when the first messages race each other', async () => {
    const site = await createSite(w.t, 'Race site');
    const [a, b] = [await createUser(w.t, 'guard', [site]), await createUser(w.t, 'supervisor', [site])];
    const [sa, sb] = await Promise.all([a, b].map(w.open));
    const acks = await Promise.all([
      send(sa, { toUserId: b.id, text: 'hi' }),
      send(sb, { toUserId: a.id, text: 'hello' }),
      send(sa, { siteId: site, text: 'site 1' }),
      send(sb, { siteId: site, text: 'site 2' }),
    ]);
    expect(acks.map((x) => x.ok)).toEqual([true, true, true, true]);
    expect(acks[0].data.message.conversationId).toBe(acks[1].data.message.conversationId);
    expect(acks[2].data.message.conversationId).toBe(acks[3].data.message.conversationId);
  });

  it('refuses bad input with a coded error and stores nothing', async () => {
    const [g1, sup, gB, admin] = await Promise.all([w.guardA1, w.supA, w.guardB, w.admin].map(w.open));
    const before = await countMessages(w);
    const refusals: [typeof g1, object, string][] = [
      [g1, { siteId: w.siteB, text: 'hello B' }, 'FORBIDDEN'],
      [g1, { toUserId: w.guardB.id, text: 'hello stranger' }, 'FORBIDDEN'],
      [g1, { toUserId: w.guardA1.id, text: 'myself' }, 'FORBIDDEN'],
      [g1, { toUserId: randomUUID(), text: 'nobody' }, 'NOT_FOUND'],
      [g1, { siteId: randomUUID(), text: 'no site' }, 'NOT_FOUND'],
      [g1, { conversationId: randomUUID(), text: 'no conversation' }, 'NOT_FOUND'],
      [g1, { siteId: w.siteA, text: 'Lock down', requiresAck: true }, 'FORBIDDEN'],
      [sup, { toUserId: w.guardA1.id, text: 'order', requiresAck: true }, 'VALIDATION_FAILED'],
      [g1, { siteId: w.siteA, text: '' }, 'VALIDATION_FAILED'],
      [g1, { siteId: w.siteA, text: '<p> </p>\u0000' }, 'VALIDATION_FAILED'],
      [g1, { siteId: w.siteA, text: 'x'.repeat(2001) }, 'VALIDATION_FAILED'],
      [g1, { siteId: w.siteA, toUserId: w.supA.id, text: 'two targets' }, 'VALIDATION_FAILED'],
      [g1, { text: 'no target' }, 'VALIDATION_FAILED'],
      [g1, { siteId: w.siteA, text: 'extra', colour: 'red' }, 'VALIDATION_FAILED'],
    ];
    for (const [s, payload, code] of refusals)
      expect({ payload, ack: await send(s, payload) }).toMatchObject({
        payload,
        ack: { ok: false, error: { code } },
      });
    expect(await countMessages(w)).toBe(before);

    // The longest text that fits is kept whole; an admin may write to anyone.
    const full = await send(g1, { siteId: w.siteA, text: 'y'.repeat(2000) });
    expect(full.data.message.text).toHaveLength(2000);
    expect(await send(admin, { toUserId: w.guardB.id, text: 'Admin here' })).toMatchObject({ ok: true });
    await waitFor(gB, 'message_created', (e) => e.data.message.text === 'Admin here');
  });

  it('lets only the author edit, within 15 minutes, and answers a retried send once', async () => {
    const [g1, g2, sup] = await Promise.all([w.guardA1, w.guardA2, w.supA].map(w.open));
    const clientEventId = randomUUID();
    const first = await send(g1, { siteId: w.siteA, text: 'Retry me', clientEventId });
    const retry = await send(g1, { siteId: w.siteA, text: 'Retry me', clientEventId });
    expect(retry.data.message.id).toBe(first.data.message.id);
    await flush(sup);
    expect(receivedOf(sup, 'message_created').filter(ofMessage(first.data.message.id))).toHaveLength(1);
    const id = first.data.message.id;

    expect(await command(g2, 'message_edit', { messageId: id, text: 'mine now' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await command(g2, 'message_delete', { messageId: id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await command(g1, 'message_edit', { messageId: randomUUID(), text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await w.t.db.query(`UPDATE messages SET created_at = now() - interval '16 minutes' WHERE id = $1`, [id]);
    expect(await command(g1, 'message_edit', { messageId: id, text: 'too late' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const [row] = (await w.t.db.query('SELECT text, edited_at FROM messages WHERE id = $1', [id])) as any[];
    expect(row).toEqual({ text: 'Retry me', edited_at: null });
    // The author may still delete it.
    expect(await command(g1, 'message_delete', { messageId: id })).toMatchObject({ ok: true });
  });

  it('lets a guard who was offline catch up on missed messages through sync', async () => {
    const g2 = await w.open(w.guardA2);
    const cursors = g2.session.streams as Record<string, number>;
    g2.close();
    const sup = await w.open(w.supA);
    const a = await send(sup, { siteId: w.siteA, text: 'While you were away 1' });
    const b = await send(sup, { toUserId: w.guardA2.id, text: 'While you were away 2' });
    const back = await w.open(w.guardA2);
    const { data } = await command(back, 'sync', { cursors });
    const events = Object.values(data.streams as Record<string, { events: any[] }>).flatMap((p) => p.events);
    const ids = events.filter((e) => e.type === 'message_created').map((e) => e.data.message.id);
    expect(ids).toEqual(expect.arrayContaining([a.data.message.id, b.data.message.id]));
    expect(data.streams[`site:${w.siteA}:guards`].events.map((e: any) => e.data.message.id)).toContain(
      a.data.message.id,
    );
    expect(data.streams[`user:${w.guardA2.id}`].events.map((e: any) => e.data.message.id)).toContain(
      b.data.message.id,
    );
  });
});
