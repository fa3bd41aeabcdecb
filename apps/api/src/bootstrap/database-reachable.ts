import pg from 'pg';

/** The external database cannot be reached at boot: one line for the operator, no stack. */
export class DatabaseUnreachable extends Error {}

/** host:port/database of a connection URL, never its credentials. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const socketHost = u.searchParams.get('host');
    return `${u.hostname || socketHost || 'localhost'}:${u.port || '5432'}${u.pathname || ''}`;
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}

/**
 * One connection attempt before Nest starts. Without it an unreachable DATABASE_URL meant TypeORM's
 * nine retries, three seconds apart, each logging a stack trace (27 s) before the process gave up.
 */
export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined); // a late socket error after the failed connect is not news
  try {
    await client.connect();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const why = [err.code, err.message].filter(Boolean).join(' ');
    throw new DatabaseUnreachable(
      `Cannot reach PostgreSQL at ${describeDatabaseUrl(url)} (${why || 'no answer'}): check DATABASE_URL and that the server is up`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
