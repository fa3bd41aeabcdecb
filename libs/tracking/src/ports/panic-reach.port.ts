/**
 * What the live view and the admins' dashboard stats need to know from notifications: which sites
 * with guards on shift no channel can reach off-socket for a panic. Declared here, implemented by
 * libs/notifications (which reacts to tracking's events, so tracking must not import it).
 */
export abstract class PanicReach {
  /** The sites among `siteIds` that no channel subscribed to panics can reach. */
  abstract sitesWithout(siteIds: string[]): Promise<Set<string>>;
}

/** What GET /sites/:id/live shows for a site no panic channel reaches. */
export const NO_PANIC_REACH = {
  code: 'NO_PANIC_NOTIFICATION',
  message:
    'Guards are on shift and no notification channel can reach anyone off-socket for a panic at this site',
} as const;
