import type { AppConfig } from '../config/app-config.js';

/**
 * node-postgres pool settings (TypeORM's `extra`). Every wait on PostgreSQL is bounded by
 * COMMAND_TIMEOUT_MS, so a database that refuses or hangs (its processes stopped, a lock never
 * released) gives an answer, UNAVAILABLE and retryable, instead of silence:
 * - connectionTimeoutMillis: taking a pooled connection, and opening a new one;
 * - query_timeout: each query, on the client (pipeline mode closes the connection it was sent on,
 *   so the queries behind it fail at once instead of waiting for a hung backend);
 * - statement_timeout: the same bound on the server, which stops the work there too.
 */
export function poolOptions(config: Pick<AppConfig, 'COMMAND_TIMEOUT_MS' | 'FAST_PATH'>) {
  const timeout = config.COMMAND_TIMEOUT_MS;
  return {
    max: 20,
    connectionTimeoutMillis: timeout,
    query_timeout: timeout,
    statement_timeout: timeout,
    idleTimeoutMillis: 30000,
    // Queries issued without waiting share a round trip; commands send BEGIN and COMMIT
    // with their first and last statements this way (PipelinedTransaction, a fast path:
    // docs/fast-path.md). Code that awaits each query behaves as without it; node-postgres
    // refuses cursors, query streams and the `rows` option in this mode (none are used here).
    pipeline: config.FAST_PATH === 'on',
  };
}

/**
 * The same for the boot work (migrations, first admin, demo seed) on its own short-lived pool: no
 * per-statement limit, as a migration of a large table may rightly take minutes and a node waits
 * for another's migrations under the bootstrap lock. Connecting stays bounded.
 */
export function bootstrapPoolOptions(config: Pick<AppConfig, 'COMMAND_TIMEOUT_MS'>) {
  return { max: 2, connectionTimeoutMillis: config.COMMAND_TIMEOUT_MS };
}
