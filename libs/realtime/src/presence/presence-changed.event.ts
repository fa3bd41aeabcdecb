import type { Role } from '#contract';

/**
 * A user went online (first socket anywhere) or offline (none anywhere for the grace period),
 * raised by the one node whose presence store call made the transition. Ephemeral: nothing is
 * stored, so it is published at once rather than after a commit. Its handler sends
 * `presence_changed` to the staff of the user's sites (admins: to the admins).
 */
export class PresenceChangedEvent {
  constructor(
    readonly userId: string,
    readonly role: Role,
    readonly siteIds: readonly string[],
    readonly status: 'online' | 'offline',
    readonly at: string,
  ) {}
}
