import {
  emptyConversation,
  readersOf,
  withMessage,
  withMissing,
  withRead,
  withTyping,
  type SiteConversation,
} from './messages.js';
import type { MessageView } from './views.js';

const msg = (id: string, senderId: string, extra: Partial<MessageView> = {}): MessageView => ({
  id,
  conversationId: 'c1',
  kind: 'site',
  siteId: 'A',
  sender: { id: senderId, name: senderId, role: 'guard' },
  text: id,
  requiresAck: false,
  acknowledgedBy: [],
  createdAt: '2026-01-01T10:00:00.000Z',
  deletedAt: null,
  ...extra,
});
const empty = (): SiteConversation => ({ messages: [], conversation: emptyConversation() });

describe('site conversation', () => {
  it('appends new messages, replaces edited ones in place and learns the conversation id', () => {
    let c = withMessage(withMessage(empty(), msg('m1', 'sup')), msg('m2', 'g1'));
    c = withMessage(c, msg('m1', 'sup', { text: 'fixed', editedAt: '2026-01-01T10:01:00.000Z' }));
    expect(c.messages.map((m) => [m.id, m.text])).toEqual([
      ['m1', 'fixed'],
      ['m2', 'm2'],
    ]);
    expect(c.conversation.id).toBe('c1');
  });

  it('keeps who has not acknowledged an order across later acknowledgements', () => {
    const order = msg('o1', 'sup', { requiresAck: true });
    let c = withMissing(withMessage(empty(), order), order, ['g2']);
    c = withMessage(c, { ...order, acknowledgedBy: ['g1'] });
    expect(c.messages[0]).toMatchObject({ acknowledgedBy: ['g1'], missing: ['g2'] });
  });

  it('counts as readers those whose read position is at or after the message, not its sender', () => {
    let c = withMessage(
      withMessage(withMessage(empty(), msg('m1', 'sup')), msg('m2', 'g1')),
      msg('m3', 'sup'),
    );
    c = withRead(withRead(withRead(c, 'g1', 'm1'), 'g2', 'm3'), 'sup', 'm3');
    expect(readersOf(c, 'm1').sort()).toEqual(['g1', 'g2']);
    expect(readersOf(c, 'm3')).toEqual(['g2']);
    expect(readersOf(c, 'unknown')).toEqual([]);
  });

  it('lists who is typing until they stop', () => {
    let c = withTyping(withTyping(empty(), 'g1', true), 'g2', true);
    c = withTyping(c, 'g1', true);
    expect(c.conversation.typing).toEqual(['g2', 'g1']);
    expect(withTyping(c, 'g2', false).conversation.typing).toEqual(['g1']);
  });
});
