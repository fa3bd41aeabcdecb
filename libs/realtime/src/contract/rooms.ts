import type { Principal } from '#core';

/** Rooms double as durable stream names (docs/protocol.md section 4). */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  siteStaff: (siteId: string) => `site:${siteId}:staff`,
  siteGuards: (siteId: string) => `site:${siteId}:guards`,
  role: (role: string) => `role:${role}`,
} as const;

const STREAM = /^(user:[0-9a-f-]{36}|site:[0-9a-f-]{36}:(staff|guards))$/;
export const isStreamName = (s: string): boolean => STREAM.test(s);

/** The site-scoped rooms of a principal: staff rooms for staff and admins, guard rooms for guards. */
export function siteRoomsOf(p: Pick<Principal, 'role' | 'siteIds'>): string[] {
  return p.siteIds.map((s) => (p.role === 'guard' ? Rooms.siteGuards(s) : Rooms.siteStaff(s)));
}

/** Every room a socket of this principal belongs to. Admins' siteIds are all sites. */
export function roomsOf(p: Pick<Principal, 'userId' | 'role' | 'siteIds'>): string[] {
  return [Rooms.user(p.userId), Rooms.role(p.role), ...siteRoomsOf(p)];
}

/** The durable streams a principal may read: its own, and its sites' staff or guard streams. */
export function readableStreams(p: Pick<Principal, 'userId' | 'role' | 'siteIds'>): string[] {
  return [Rooms.user(p.userId), ...siteRoomsOf(p)];
}
