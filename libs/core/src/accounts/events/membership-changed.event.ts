import type { Role } from '../role.js';

/** A user's role or sites changed: live sockets must move rooms and hear `assignments_changed`. */
export class MembershipChangedEvent {
  constructor(
    readonly userId: string,
    readonly role: Role,
    readonly siteIds: string[],
    readonly previousSiteIds: string[],
    readonly previousRole: Role,
  ) {}
}
