import { AppError, type Principal } from '#core';

/**
 * The site a guard's panic belongs to: the site of the active shift (`shiftSiteId`, read with the
 * raise's prefetch); else the payload's siteId; else the guard's only site. The guard must be
 * assigned to it.
 */
export function panicSiteOf(shiftSiteId: string | undefined, me: Principal, requested?: string): string {
  const siteId = shiftSiteId ?? requested ?? (me.siteIds.length === 1 ? me.siteIds[0] : undefined);
  if (!siteId) {
    if (!me.siteIds.length) throw AppError.forbidden('You are not assigned to any site');
    throw AppError.validation(
      [{ field: 'siteId', constraints: { required: 'siteId is required when you work several sites' } }],
      'siteId is required when you work several sites and are off shift',
    );
  }
  if (!me.siteIds.includes(siteId)) throw AppError.forbidden('You are not assigned to this site', { siteId });
  return siteId;
}
