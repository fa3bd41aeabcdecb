import type { Envelope } from '#client';
import { acceptSent, openChat } from './chat.js';
import { applyEvent, type ConsoleState } from './console-state.js';
import { onSite } from './state-fixtures.js';
import type { MessageView } from './views.js';

const at = (second: number) => `2026-01-01T10:00:0${second}.000Z`;
const direct = (id: string, conversationId: string, senderId: string, createdAt = at(0)): MessageView => ({
  id,
  conversationId,
  kind: 'direct',
  siteId: null,
  sender: { id: senderId, name: `name of ${senderId}`, role: 'guard' },
  text: id,
  createdAt,
  deletedAt: null,
});
const created = (message: MessageView): Envelope => ({
  id: `env-${message.id}`,
  type: 'message_created',
  stream: 'user:me',
  seq: 1,
  siteId: null,
  occurredAt: message.createdAt,
  actor: { userId: message.sender.id, role: 'guard', name: message.sender.name },
  data: { message },
});
const me = (): ConsoleState => ({ ...onSite('A'), me: { userId: 'me', name: 'Me', role: 'supervisor' } });

describe('chats', () => {
  it('counts direct messages outside the open chat as unread, per conversation', () => {
    let s = applyEvent(me(), created(direct('m1', 'd1', 'g1')));
    s = applyEvent(s, created(direct('m2', 'd1', 'g1')));
    s = applyEvent(s, created(direct('m3', 'd2', 'me')));
    expect(s.messages).toEqual([]);
    expect(s.directs).toEqual([
      { id: 'd1', peer: { id: 'g1', name: 'name of g1' }, unreadCount: 2, last: { id: 'm2', at: at(0) } },
    ]);
  });

  it('counts a message once when its event comes again or after the list that holds it', () => {
    // The conversation list (GET /conversations) already counted m2; its event overtook the read.
    let s: ConsoleState = {
      ...me(),
      directs: [{ id: 'd1', peer: { id: 'g1', name: 'G1' }, unreadCount: 2, last: { id: 'm2', at: at(2) } }],
    };
    s = applyEvent(s, created(direct('m2', 'd1', 'g1', at(2))));
    s = applyEvent(s, created(direct('m1', 'd1', 'g1', at(1))));
    expect(s.directs[0].unreadCount).toBe(2);
    s = applyEvent(s, created(direct('m3', 'd1', 'g1', at(3))));
    s = applyEvent(s, created(direct('m3', 'd1', 'g1', at(3))));
    expect(s.directs[0]).toMatchObject({ unreadCount: 3, last: { id: 'm3' } });
  });

  it('shows the open direct chat only, and clears its unread count when opened', () => {
    let s = applyEvent(me(), created(direct('m1', 'd1', 'g1')));
    s = openChat(s, { kind: 'direct', peerId: 'g1', peerName: 'G1', conversationId: 'd1' });
    expect(s.directs[0].unreadCount).toBe(0);
    s = applyEvent(s, created(direct('m2', 'd1', 'g1')));
    s = applyEvent(s, created(direct('m3', 'd9', 'g2')));
    expect(s.messages.map((m) => m.id)).toEqual(['m2']);
    expect(s.conversation.id).toBe('d1');
  });

  it('learns the conversation of a first direct message from the send ack', () => {
    let s = openChat(me(), { kind: 'direct', peerId: 'g1', peerName: 'G1', conversationId: null });
    s = acceptSent(s, direct('m1', 'd5', 'me'));
    expect(s.chat).toMatchObject({ conversationId: 'd5' });
    expect(s.messages.map((m) => m.id)).toEqual(['m1']);
    expect(applyEvent(s, created(direct('m1', 'd5', 'me'))).messages).toHaveLength(1);
  });
});
