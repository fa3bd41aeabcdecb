/**
 * The one classifier of dependency failures (PostgreSQL, Redis), used by every path that answers a
 * client (toErrorBody: the WS ack filter, the Responder, the HTTP exception filter) and by the
 * background workers that keep quiet during an outage. A failure it recognises is answered
 * UNAVAILABLE, retryable (503 over REST): the same request may succeed once the dependency is back.
 */

/** Socket-level failures of a connection to PostgreSQL or Redis. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that refuses or cannot serve right now: class 08 (connection exception),
 * 53 (insufficient resources: 53300 too many connections, also per role or database), 57 (operator
 * intervention: shutdown, cancelled by statement_timeout, 57P03 cannot connect now) and 55000 (object
 * not in prerequisite state: e.g. a database that does not allow connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57)[0-9A-Z]{3}$|^55000$/;

/** Messages of node-postgres, pg-pool and ioredis failures that carry no code. */
const UNAVAILABLE_MESSAGE = new RegExp(
  [
    'Connection terminated', // pg: the server went away, or connectionTimeoutMillis passed
    'timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
    'Query read timeout', // pg: query_timeout passed
    'is not queryable', // pg: a client whose connection failed or was closed
    'Command timed out', // ioredis: commandTimeout passed
    'enableOfflineQueue', // ioredis: not connected and told not to queue
    'Connection is closed', // ioredis
    'max retries per request', // ioredis MaxRetriesPerRequestError
    '^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|NOREPLICAS|OOM) ', // Redis replies of a server not serving now
  ].join('|'),
  'i',
);

/** The error an awaited dependency call is rejected with when it did not answer in time. */
export class DependencyTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'DependencyTimeoutError';
  }
}

/** True for errors that mean "PostgreSQL (or another dependency) cannot serve right now". */
export function isDependencyDown(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; syscall?: unknown };
  if (typeof e.code === 'string') {
    if (CONNECTION_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code)) return true;
    if (e.code === 'ENOENT' && e.syscall === 'connect') return true; // a Unix socket whose server is down
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return wrapped(err).some((inner) => isDependencyDown(inner, depth + 1));
}

/**
 * True for a PostgreSQL refusal caused by the values sent (SQLSTATE class 22, data exception, or 23,
 * integrity constraint violation): sending the same values again fails again.
 */
export function isDataError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; driverError?: unknown };
  if (typeof e.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(e.code)) return true;
  return e.driverError ? isDataError(e.driverError) : false;
}

/** What an error wraps: TypeORM's driverError, an Error cause, an AggregateError's errors. */
function wrapped(err: object): unknown[] {
  const e = err as { driverError?: unknown; cause?: unknown; errors?: unknown };
  const inner: unknown[] = [e.driverError, e.cause];
  if (Array.isArray(e.errors)) inner.push(...(e.errors as unknown[]));
  return inner.filter((x) => x && x !== err);
}
