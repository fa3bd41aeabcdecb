import type { Role } from './basics.js';

/**
 * Room names. The user and site rooms double as durable stream names (docs/protocol.md section 4):
 * a guard reads `user:<id>` and `site:<id>:guards`, staff read `user:<id>` and `site:<id>:staff`.
 * `role:<role>` is a room only (ephemeral events to every admin, for instance), never a stream.
 */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  siteStaff: (siteId: string) => `site:${siteId}:staff`,
  siteGuards: (siteId: string) => `site:${siteId}:guards`,
  role: (role: Role) => `role:${role}`,
} as const;

const STREAM = /^(user:[0-9a-f-]{36}|site:[0-9a-f-]{36}:(staff|guards))$/;
/** True for a durable stream name (a user's or a site's staff or guard stream). */
export const isStreamName = (s: string): boolean => STREAM.test(s);
