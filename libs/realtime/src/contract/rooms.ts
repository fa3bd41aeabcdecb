import type { Principal } from '#core';
import { Rooms } from '#contract';

export { isStreamName, Rooms } from '#contract';

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
