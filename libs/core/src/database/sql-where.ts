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
