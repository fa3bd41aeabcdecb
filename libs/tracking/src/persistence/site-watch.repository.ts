import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** An unwatched period due for its report. */
export interface DueUnwatched {
  siteId: string;
  unwatchedSince: Date;
}

/** Every statement on site_watch: one row per site whose unwatched period has begun. */
export const SiteWatchPeriods = {
  /** Ends the periods of the sites not in `unwatched` and begins those not yet begun. */
  async track(db: Queryable, unwatched: string[]): Promise<void> {
    await db.query('DELETE FROM site_watch WHERE NOT (site_id = ANY($1::uuid[]))', [unwatched]);
    if (!unwatched.length) return;
    await db.query(
      'INSERT INTO site_watch (site_id, unwatched_since) SELECT unnest($1::uuid[]), now() ON CONFLICT DO NOTHING',
      [unwatched],
    );
  },

  /** Locks the periods of these sites older than `afterS` and not reported yet, skipping held ones. */
  async lockDue(tx: Queryable, siteIds: string[], afterS: number): Promise<DueUnwatched[]> {
    const rows = (await tx.query(
      `SELECT site_id, unwatched_since FROM site_watch WHERE site_id = ANY($1::uuid[]) AND notified_at IS NULL
         AND unwatched_since <= now() - $2 * interval '1 second' FOR UPDATE SKIP LOCKED`,
      [siteIds, afterS],
    )) as { site_id: string; unwatched_since: Date }[];
    return rows.map((r) => ({ siteId: r.site_id, unwatchedSince: r.unwatched_since }));
  },

  async markReported(tx: Queryable, siteId: string): Promise<void> {
    await tx.query('UPDATE site_watch SET notified_at = now() WHERE site_id = $1', [siteId]);
  },
};
