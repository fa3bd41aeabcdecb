/** What runs a query: a DataSource or an EntityManager. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Deletes the rows of `table` matching `where` (SQL over `params`), `batch` rows a statement, and
 * returns how many. Retention prunes go through this: one DELETE of a backlog (a node down for a
 * day, a week of location history) would run into the statement timeout (COMMAND_TIMEOUT_MS),
 * roll back and fail again every period, while small statements each finish and hold row locks
 * briefly. Rows are picked by ctid, so any table works without naming its key.
 */
export async function deleteInBatches(
  db: Queryable,
  table: string,
  where: string,
  params: unknown[],
  batch = 5000,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const result = await db.query(
      `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT ${batch}))`,
      params,
    );
    const count = deletedCount(result);
    removed += count;
    if (count < batch) return removed;
  }
}

/**
 * TypeORM answers a DELETE with `[rows, affected]` (not the rows alone, even with RETURNING), a pg
 * client with its result; either way the count of deleted rows.
 */
function deletedCount(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  const rowCount = (result as { rowCount?: unknown } | null)?.rowCount;
  return typeof rowCount === 'number' ? rowCount : 0;
}
