/** A condition with one `?` for its value; skipped when the value is undefined, null or ''. */
export type SqlFilter = readonly [sql: string, value: unknown];

/**
 * `WHERE a AND b ...` of the filters that have a value (an empty string when none has), each `?`
 * numbered as its parameter: the list reads (REST) filter this way.
 */
export function sqlWhere(filters: readonly SqlFilter[]): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [sql, value] of filters) {
    if (value === undefined || value === null || value === '') continue;
    params.push(value);
    parts.push(sql.replace('?', `$${params.length}`));
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** What runs a query: a DataSource or an EntityManager. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** One page of a filtered list read: `select` and `count` take the same `WHERE`. */
export interface PageRead {
  /** The rows' SELECT up to its FROM (and joins); the WHERE is appended. */
  select: string;
  /** What the count reads, e.g. `panics p` (the alias the filters use). */
  from: string;
  orderBy: string;
  filters: readonly SqlFilter[];
  limit: number;
  offset: number;
}

/** The page's rows and how many rows match in all. */
export async function readPage<R>(db: Queryable, p: PageRead): Promise<{ rows: R[]; total: number }> {
  const { where, params } = sqlWhere(p.filters);
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM ${p.from} ${where}`, params)) as {
    total: number;
  }[];
  const rows = (await db.query(
    `${p.select} ${where} ORDER BY ${p.orderBy} LIMIT ${Math.trunc(p.limit)} OFFSET ${Math.trunc(p.offset)}`,
    params,
  )) as R[];
  return { rows, total };
}
