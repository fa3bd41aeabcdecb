import { AppError, canAccessSite, isSiteStaff, type Principal } from '#core';

/**
 * Staff of the site (its supervisors and managers, every admin) may manage its patrols. A site
 * the caller cannot see answers NOT_FOUND (leaks nothing); a guard of the site gets FORBIDDEN.
 */
export function assertSiteStaff(me: Principal, siteId: string | null): asserts siteId is string {
  if (!siteId || !canAccessSite(me, siteId)) throw AppError.notFound('Site');
  if (!isSiteStaff(me, siteId)) throw AppError.forbidden('Only staff of this site can do this', { siteId });
}

/** Any member of the site (its guards included) may read it; others get NOT_FOUND. */
export function assertSiteMember(me: Principal, siteId: string | null): asserts siteId is string {
  if (!siteId || !canAccessSite(me, siteId)) throw AppError.notFound('Site');
}
