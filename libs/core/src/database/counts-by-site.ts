/** What runs a query: a DataSource or an EntityManager. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Runs a `SELECT site_id, count(*)::int AS n ... GROUP BY site_id` and returns the counts by site
 * (sites without rows are absent): the shape every feature's per-site count port answers in.
 */
export async function countsBySite(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<Map<string, number>> {
  const rows = (await db.query(sql, params)) as { site_id: string; n: number }[];
  return new Map(rows.map((r) => [r.site_id, r.n]));
}
