/** True when PostgreSQL refused a row for a unique index (optionally a named one). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; constraint?: unknown; driverError?: unknown };
  if (e.code === '23505') return constraint === undefined || e.constraint === constraint;
  return e.driverError ? isUniqueViolation(e.driverError, constraint) : false;
}
