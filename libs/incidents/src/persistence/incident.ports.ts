import { countsBySite } from '#core';
import type { EntityManager } from 'typeorm';
import { UNRESOLVED_STATUSES } from '../domain/incident.js';

type Queryable = Pick<EntityManager, 'query'>;

/** What other features may read of incidents (they never read the table): unresolved ones per site. */
export function openIncidentCountBySite(db: Queryable): Promise<Map<string, number>> {
  return countsBySite(
    db,
    'SELECT site_id, count(*)::int AS n FROM incidents WHERE status = ANY($1::text[]) GROUP BY site_id',
    [UNRESOLVED_STATUSES],
  );
}
