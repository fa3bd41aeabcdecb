import { AppError, type Principal } from '#core';
import { preparedQuery } from '#realtime';
import type { QueryConfig, QueryResultRow } from 'pg';

/** The guard's active shift, as the raise's prefetch (sent with BEGIN: no round trip of its own). */
export const activeShiftQuery = (guardId: string): QueryConfig =>
  preparedQuery('SELECT id, site_id FROM shifts WHERE guard_id = $1 AND ended_at IS NULL', [guardId]);

/**
 * The site a guard's panic belongs to: the site of the active shift (`shiftRows`, the rows of
 * activeShiftQuery); else the payload's siteId; else the guard's only site. The guard must be
 * assigned to it.
 */
export function panicSiteOf(shiftRows: QueryResultRow[], me: Principal, requested?: string): string {
  const shift = shiftRows[0] as { id: string; site_id: string } | undefined;
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
