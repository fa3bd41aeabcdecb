import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { command, flush, receivedOf, waitFor } from '../support/sockets.js';
import { createUser } from '../support/test-app.js';
import { ofMessage, send, useMessagingWorld } from './messaging-fixture.js';

describe('conversations over REST, read receipts and live membership', () => {
  const w = useMessagingWorld();

  it('pages a conversation newest first by keyset, and posts with the same events as the socket', async () => {
    const sup = await w.open(w.supA);
    const g1 = await w.open(w.guardA1);
    let conversationId = '';
    for (let i = 0; i < 8; i++)
      conversationId = (await send(sup, { siteId: w.siteA, text: `note ${i}` })).data.message.conversationId;

    const page1 = (
      await w.http(w.guardA1).get(`/conversations/${conversationId}/messages?limit=3`).expect(200)
    ).body;
    expect(page1.items.map((m: any) => m.text)).toEqual(['note 7', 'note 6', 'note 5']);
    expect(page1.nextBefore).toBe(page1.items[2].id);
    const page2 = (
      await w
        .http(w.guardA1)
        .get(`/conversations/${conversationId}/messages?limit=3&before=${page1.nextBefore}`)
    ).body;
    expect(page2.items.map((m: any) => m.text)).toEqual(['note 4', 'note 3', 'note 2']);
    const page3 = (
      await w
        .http(w.guardA1)
        .get(`/conversations/${conversationId}/messages?limit=3&before=${page2.nextBefore}`)
    ).body;
    expect(page3).toEqual({
      items: [expect.objectContaining({ text: 'note 1' }), expect.objectContaining({ text: 'note 0' })],
      nextBefore: null,
    });

    await w.http(w.guardA1).get(`/conversations/${conversationId}/messages?limit=0`).expect(400);
    await w
      .http(w.guardA1)
      .get(`/conversations/${conversationId}/messages?before=${randomUUID()}`)
      .expect(400);
    await w.http(w.guardB).get(`/conversations/${conversationId}/messages`).expect(404);
    await w.http(w.guardA1).get(`/conversations/${randomUUID()}/messages`).expect(404);

    // The pagination walks the (conversation_id, pos) index, not an OFFSET.
    const plan = (await w.t.db.query(
      `EXPLAIN SELECT id FROM messages WHERE conversation_id = $1 AND pos < 5 ORDER BY pos DESC LIMIT 3`,
      [conversationId],
    )) as { 'QUERY PLAN': string }[];
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('messages_conversation_pos_idx');

    const posted = await w
      .http(w.guardA1)
      .post(`/conversations/${conversationId}/messages`, { text: '<i>REST</i> hello' })
      .expect(201);
    expect(posted.body).toMatchObject({ text: 'REST hello', conversationId, sender: { id: w.guardA1.id } });
    await waitFor(sup, 'message_created', ofMessage(posted.body.id));
    await w.http(w.guardA1).post(`/conversations/${conversationId}/messages`, { text: '' }).expect(400);
    await w
      .http(w.guardB)
      .post(`/conversations/${conversationId}/messages`, { text: 'intruder' })
      .expect(404);
    await flush(g1);

    const doc = (await request(w.t.baseUrl).get('/api/docs-json').expect(200)).body;
    expect(doc.paths).toHaveProperty(['/api/v1/conversations', 'get']);
    expect(doc.paths).toHaveProperty(['/api/v1/conversations/{id}/messages', 'get']);
    expect(doc.paths).toHaveProperty(['/api/v1/conversations/{id}/messages', 'post']);
    expect(doc.components.schemas.PostMessageBodyDto.properties.text).toMatchObject({
      minLength: 1,
      maxLength: 2000,
    });
  });

  it('counts unread messages per conversation and moves read markers forward only', async () => {
    const reader = await createUser(w.t, 'guard', [w.siteA]);
    const writer = await createUser(w.t, 'supervisor', [w.siteA]);
    const [r, wr, sup] = await Promise.all([reader, writer, w.supA].map(w.open));
    const m1 = (await send(wr, { toUserId: reader.id, text: 'one' })).data.message;
    const m2 = (await send(wr, { toUserId: reader.id, text: 'two' })).data.message;
    const m3 = (await send(wr, { toUserId: reader.id, text: 'three' })).data.message;
    await send(r, { toUserId: writer.id, text: 'my own message is never unread to me' });

    const list = async () => (await w.http(reader).get('/conversations').expect(200)).body.items as any[];
    const direct = () => list().then((items) => items.find((c) => c.id === m1.conversationId));
    expect(await direct()).toMatchObject({
      kind: 'direct',
      siteId: null,
      peer: { id: writer.id, role: 'supervisor' },
      lastMessage: { text: 'my own message is never unread to me' },
      unreadCount: 3,
    });

    const read = await command(r, 'message_read', {
      conversationId: m1.conversationId,
      upToMessageId: m2.id,
    });
    expect(read).toEqual({ ok: true, data: { conversationId: m1.conversationId, upToMessageId: m2.id } });
    const receipt = await waitFor(wr, 'messages_read', (e) => e.data.upToMessageId === m2.id);
    expect(receipt.data).toMatchObject({
      conversationId: m1.conversationId,
      userId: reader.id,
      readAt: expect.any(String),
    });
    expect(receipt.stream).toBe(`user:${writer.id}`);
    expect((await direct()).unreadCount).toBe(1);

    // Backwards is a no-op: the marker stays at m2, no event.
    const back = await command(r, 'message_read', {
      conversationId: m1.conversationId,
      upToMessageId: m1.id,
    });
    expect(back.data.upToMessageId).toBe(m2.id);
    await command(r, 'message_read', { conversationId: m1.conversationId, upToMessageId: m3.id });
    await waitFor(wr, 'messages_read', (e) => e.data.upToMessageId === m3.id);
    await flush(wr);
    expect(
      receivedOf(wr, 'messages_read').filter((e) => e.data.conversationId === m1.conversationId),
    ).toHaveLength(2);
    expect((await direct()).unreadCount).toBe(0);

    // A message of another conversation, or a conversation one is not in: refused, nothing stored.
    const siteMsg = (await send(sup, { siteId: w.siteA, text: 'site note' })).data.message;
    expect(
      await command(r, 'message_read', { conversationId: m1.conversationId, upToMessageId: siteMsg.id }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const gB = await w.open(w.guardB);
    expect(
      await command(gB, 'message_read', {
        conversationId: siteMsg.conversationId,
        upToMessageId: siteMsg.id,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const site = (await list()).find((c) => c.id === siteMsg.conversationId);
    expect(site).toMatchObject({
      kind: 'site',
      siteId: w.siteA,
      name: 'Site A',
      peer: null,
      lastMessage: { id: siteMsg.id },
    });
    expect(site.unreadCount).toBeGreaterThan(0);
    expect(
      (await w.http(w.guardB).get('/conversations').expect(200)).body.items.map((c: any) => c.id),
    ).not.toContain(siteMsg.conversationId);
  });

  it('stops a guard removed from a site hearing its conversation at once and reading its history', async () => {
    const leaver = await createUser(w.t, 'guard', [w.siteA]);
    const [l, sup] = await Promise.all([leaver, w.supA].map(w.open));
    const before = (await send(sup, { siteId: w.siteA, text: 'before the move' })).data.message;
    await waitFor(l, 'message_created', ofMessage(before.id));
    await w.http(leaver).get(`/conversations/${before.conversationId}/messages`).expect(200);

    await w
      .http(w.admin)
      .put(`/users/${leaver.id}/sites`, { siteIds: [w.siteB] })
      .expect(200);
    await waitFor(l, 'assignments_changed');
    const after = (await send(sup, { siteId: w.siteA, text: 'after the move' })).data.message;
    await flush(l);
    expect(receivedOf(l, 'message_created').filter(ofMessage(after.id))).toHaveLength(0);
    await w.http(leaver).get(`/conversations/${before.conversationId}/messages`).expect(404);
    expect(await send(l, { conversationId: before.conversationId, text: 'still here?' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await send(l, { toUserId: w.supA.id, text: 'no shared site now' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
