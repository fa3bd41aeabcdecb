import { ClientError, PatrolShieldClient, type Envelope, type Message } from '../../libs/client/src/index.js';
import { pollUntil } from '../support/poll.js';
import type { TestUser } from '../support/test-app.js';
import { useMessagingWorld } from './messaging-fixture.js';

/** The SDK's typed messaging methods against the real server. */
describe('client SDK messaging', () => {
  const w = useMessagingWorld();
  const clients: PatrolShieldClient[] = [];
  const client = async (user: TestUser) => {
    const c = new PatrolShieldClient({ url: w.t.baseUrl, getToken: () => user.token, maxAttempts: 1 });
    clients.push(c);
    await c.connect();
    return c;
  };
  afterAll(() => clients.forEach((c) => c.close()));

  it('sends, reads, acknowledges, edits, deletes and types through typed methods', async () => {
    const [sup, guard] = [await client(w.supA), await client(w.guardA1)];
    const heard: Envelope<{ message: Message }>[] = [];
    guard.on('message_created', (env) => heard.push(env));
    const typing: { userId: string; typing: boolean }[] = [];
    sup.on('typing', (t) => typing.push(t));
    const acks: string[] = [];
    sup.on('message_acknowledged', (env) => acks.push(env.data.userId));

    const { message: order } = await sup.messaging.sendToSite(w.siteA, 'Lock down', { requiresAck: true });
    await pollUntil(() => heard.some((e) => e.data.message.id === order.id));
    const { message: acked } = await guard.messaging.acknowledge(order.id);
    expect(acked.acknowledgedBy).toEqual([w.guardA1.id]);
    await pollUntil(() => acks.includes(w.guardA1.id));
    expect(await guard.messaging.markRead(order.conversationId, order.id)).toEqual({
      conversationId: order.conversationId,
      upToMessageId: order.id,
    });

    const { message: direct } = await guard.messaging.sendDirect(w.supA.id, 'Done');
    expect((await guard.messaging.send(direct.conversationId, 'Anything else?')).message.kind).toBe('direct');
    expect((await guard.messaging.edit(direct.id, 'Done, all locked')).message.text).toBe('Done, all locked');
    expect((await guard.messaging.delete(direct.id)).message.deletedAt).not.toBeNull();
    expect(await guard.messaging.typing(direct.conversationId, true)).toEqual({});
    await pollUntil(() => typing.some((t) => t.userId === w.guardA1.id && t.typing));

    await expect(guard.messaging.sendToSite(w.siteA, 'order?', { requiresAck: true })).rejects.toEqual(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    await expect(guard.messaging.edit(order.id, 'not mine')).rejects.toBeInstanceOf(ClientError);
  });
});
