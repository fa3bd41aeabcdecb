import type { ConversationRef, Standing } from './conversation.js';
import {
  assertMayDelete,
  assertMayEdit,
  assertMayRequireAck,
  EDIT_WINDOW_MS,
  mayAcknowledge,
  missingAcknowledgements,
  type MessageFacts,
} from './message-rules.js';

const site: ConversationRef = { id: 'c', kind: 'site', siteId: 'S', userIds: null };
const direct: ConversationRef = { id: 'd', kind: 'direct', siteId: null, userIds: ['g', 'h'] };
const guard: Standing = { userId: 'g', role: 'guard', assignedToSite: true };
const otherGuard: Standing = { userId: 'h', role: 'guard', assignedToSite: true };
const supervisor: Standing = { userId: 's', role: 'supervisor', assignedToSite: true };
const sentAt = new Date('2026-01-01T10:00:00Z');
const byGuard: MessageFacts = {
  senderId: 'g',
  createdAt: sentAt,
  deletedAt: null,
  requiresAck: false,
  acknowledgedBy: [],
};
const order: MessageFacts = { ...byGuard, senderId: 's', requiresAck: true };
const code = (code: string) => expect.objectContaining({ code });

describe('message rules', () => {
  it('lets only site staff send dispatch orders, only in site conversations', () => {
    expect(() => assertMayRequireAck(site, supervisor)).not.toThrow();
    expect(() =>
      assertMayRequireAck(site, { ...supervisor, role: 'admin', assignedToSite: false }),
    ).not.toThrow();
    expect(() => assertMayRequireAck(site, guard)).toThrow(code('FORBIDDEN'));
    expect(() => assertMayRequireAck(direct, supervisor)).toThrow(code('VALIDATION_FAILED'));
  });
  it('lets the author edit for 15 minutes, not after, not someone else, not a deleted message', () => {
    const at = (ms: number) => new Date(sentAt.getTime() + ms);
    expect(() => assertMayEdit(byGuard, guard, at(EDIT_WINDOW_MS))).not.toThrow();
    expect(() => assertMayEdit(byGuard, guard, at(EDIT_WINDOW_MS + 1))).toThrow(code('CONFLICT'));
    expect(() => assertMayEdit(byGuard, otherGuard, at(1000))).toThrow(code('FORBIDDEN'));
    expect(() => assertMayEdit({ ...byGuard, deletedAt: at(1) }, guard, at(1000))).toThrow(code('CONFLICT'));
  });
  it('lets the author delete, and site staff in site conversations, once', () => {
    expect(() => assertMayDelete(byGuard, site, guard)).not.toThrow();
    expect(() => assertMayDelete(byGuard, site, supervisor)).not.toThrow();
    expect(() => assertMayDelete(byGuard, site, otherGuard)).toThrow(code('FORBIDDEN'));
    expect(() => assertMayDelete({ ...byGuard, senderId: 'h' }, direct, supervisor)).toThrow(
      code('FORBIDDEN'),
    );
    expect(() => assertMayDelete({ ...byGuard, deletedAt: sentAt }, site, guard)).toThrow(code('CONFLICT'));
  });
  it('lets guards of the site acknowledge orders once; staff, plain messages and deleted orders are refused', () => {
    expect(mayAcknowledge(order, site, guard)).toBe(true);
    expect(mayAcknowledge({ ...order, acknowledgedBy: ['g'] }, site, guard)).toBe(false);
    expect(() => mayAcknowledge(order, site, supervisor)).toThrow(code('FORBIDDEN'));
    expect(() => mayAcknowledge(order, direct, guard)).toThrow(code('FORBIDDEN'));
    expect(() => mayAcknowledge(byGuard, site, guard)).toThrow(code('CONFLICT'));
    expect(() => mayAcknowledge({ ...order, deletedAt: sentAt }, site, guard)).toThrow(code('CONFLICT'));
  });
  it('names the guards on shift who have not acknowledged', () => {
    expect(missingAcknowledgements(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
    expect(missingAcknowledgements([], ['b'])).toEqual([]);
  });
});
