import type { Role } from './role.js';

/**
 * Why a change to a user would leave the organisation without an active admin, or null. Given
 * the active admins (locked by the caller) and the change to one user: demoting or deactivating the
 * last of them is refused, so someone can always manage users and sites.
 */
export function lastAdminProblem(
  activeAdminIds: readonly string[],
  userId: string,
  change: { role?: Role; active?: boolean },
): string | null {
  if (!activeAdminIds.includes(userId)) return null;
  const staysAdmin = (change.role === undefined || change.role === 'admin') && change.active !== false;
  if (staysAdmin || activeAdminIds.length > 1) return null;
  return 'This is the only active admin: make another user admin before demoting or deactivating this one';
}
