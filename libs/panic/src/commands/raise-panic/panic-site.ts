import { AppError, type Principal } from '#core';
import type { EntityManager } from 'typeorm';

/**
 * The site a guard's panic belongs to: the site of the active shift; else the payload's siteId;
 * else the guard's only site. The guard must be assigned to it.
 */
export async function panicSiteOf(tx: EntityManager, me: Principal, requested?: string): Promise<string> {
  const [shift] = (await tx.query('SELECT id, site_id FROM shifts WHERE guard_id = $1 AND ended_at IS NULL', [
    me.userId,
  ])) as { id: string; site_id: string }[];
  const siteId = shift?.site_id ?? requested ?? (me.siteIds.length === 1 ? me.siteIds[0] : undefined);
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
