import type { Role } from '#core';

export type ConversationKind = 'site' | 'direct';

/** A conversation as the rules need it: its kind and who it belongs to. */
export interface ConversationRef {
  id: string;
  kind: ConversationKind;
  siteId: string | null;
  /** Direct conversations: the two users, smaller id first. */
  userIds: [string, string] | null;
}

/** What the database says about the acting user, read live in the command's transaction. */
export interface Standing {
  userId: string;
  role: Role;
  /** Assigned to the conversation's site (site conversations only). */
  assignedToSite: boolean;
}

/** Site staff of a site: its supervisors and managers, and every admin. Guards are its guards. */
export type SiteStanding = 'staff' | 'guard' | null;

export function siteStanding(s: Pick<Standing, 'role' | 'assignedToSite'>): SiteStanding {
  if (s.role === 'admin') return 'staff';
  if (!s.assignedToSite) return null;
  return s.role === 'guard' ? 'guard' : 'staff';
}

/** Members read and write: a site conversation's guards and staff, a direct one's two users. */
export function isMember(c: ConversationRef, s: Standing): boolean {
  if (c.kind === 'site') return siteStanding(s) !== null;
  return c.userIds!.includes(s.userId);
}

/** The pair of a direct conversation in its stored order (smaller id first). */
export const directPair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * Two users may talk directly when they share a site; admins are staff of every site, so a
 * conversation with an admin on either side is always allowed.
 */
export function mayTalkDirectly(
  me: { userId: string; role: Role },
  peer: { userId: string; role: Role },
  shareSite: boolean,
): boolean {
  if (me.userId === peer.userId) return false;
  return me.role === 'admin' || peer.role === 'admin' || shareSite;
}
