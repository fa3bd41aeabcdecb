import { directPair, isMember, mayTalkDirectly, siteStanding, type ConversationRef } from './conversation.js';

const site: ConversationRef = { id: 'c', kind: 'site', siteId: 'S', userIds: null };
const direct: ConversationRef = { id: 'd', kind: 'direct', siteId: null, userIds: ['a', 'b'] };

describe('conversation membership', () => {
  it('makes assigned guards the guards of a site, assigned supervisors and managers and every admin its staff', () => {
    expect(siteStanding({ role: 'guard', assignedToSite: true })).toBe('guard');
    expect(siteStanding({ role: 'supervisor', assignedToSite: true })).toBe('staff');
    expect(siteStanding({ role: 'manager', assignedToSite: true })).toBe('staff');
    expect(siteStanding({ role: 'admin', assignedToSite: false })).toBe('staff');
    expect(siteStanding({ role: 'guard', assignedToSite: false })).toBeNull();
    expect(siteStanding({ role: 'manager', assignedToSite: false })).toBeNull();
  });
  it('lets the site members into a site conversation and only the two people into a direct one', () => {
    expect(isMember(site, { userId: 'x', role: 'guard', assignedToSite: true })).toBe(true);
    expect(isMember(site, { userId: 'x', role: 'guard', assignedToSite: false })).toBe(false);
    expect(isMember(direct, { userId: 'b', role: 'guard', assignedToSite: false })).toBe(true);
    expect(isMember(direct, { userId: 'x', role: 'admin', assignedToSite: false })).toBe(false);
  });
  it('allows direct talk between people sharing a site, or with an admin on either side, never with oneself', () => {
    const guard = (userId: string) => ({ userId, role: 'guard' as const });
    expect(mayTalkDirectly(guard('a'), guard('b'), true)).toBe(true);
    expect(mayTalkDirectly(guard('a'), guard('b'), false)).toBe(false);
    expect(mayTalkDirectly({ userId: 'a', role: 'admin' }, guard('b'), false)).toBe(true);
    expect(mayTalkDirectly(guard('a'), { userId: 'b', role: 'admin' }, false)).toBe(true);
    expect(mayTalkDirectly(guard('a'), guard('a'), true)).toBe(false);
  });
  it('stores a pair in one order whoever writes first', () => {
    expect(directPair('b', 'a')).toEqual(['a', 'b']);
    expect(directPair('a', 'b')).toEqual(['a', 'b']);
  });
});
