import type { Role } from '../accounts/role.js';

/** Who is acting: built from a verified token and the user's current rows, never from a payload. */
export interface Principal {
  userId: string;
  role: Role;
  name: string;
  siteIds: string[];
  deviceId?: string;
}

export const canAccessSite = (p: Pick<Principal, 'role' | 'siteIds'>, siteId: string): boolean =>
  p.role === 'admin' || p.siteIds.includes(siteId);

/** Supervisors and managers assigned to the site, and every admin. */
export const isSiteStaff = (p: Pick<Principal, 'role' | 'siteIds'>, siteId: string): boolean =>
  p.role === 'admin' || ((p.role === 'supervisor' || p.role === 'manager') && p.siteIds.includes(siteId));
