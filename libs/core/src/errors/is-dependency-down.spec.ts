import { DependencyTimeoutError, isDataError, isDependencyDown } from './is-dependency-down.js';
import { toErrorBody } from './to-error-body.js';

const err = (fields: object, message = 'x') => Object.assign(new Error(message), fields);

describe('isDependencyDown', () => {
  it('recognises an unreachable database over TCP or a Unix socket, also wrapped by TypeORM', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])
      expect(isDependencyDown(err({ code, syscall: 'connect' }))).toBe(true);
    expect(isDependencyDown(err({ code: 'ENOENT', syscall: 'connect' }))).toBe(true);
    expect(isDependencyDown(err({ code: '57P01' }))).toBe(true);
    expect(isDependencyDown(err({ driverError: err({ code: 'ENOENT', syscall: 'connect' }) }))).toBe(true);
  });
  it('recognises refusals by SQLSTATE: classes 08, 53, 57 and 55000', () => {
    // 53300: too many connections (also a role's or a database's CONNECTION LIMIT), the reason
    // panic_alert and login answered INTERNAL when a role hit its limit.
    for (const code of [
      '53300',
      '53000',
      '53100',
      '53200',
      '53400',
      '08004',
      '08006',
      '08P01',
      '57P02',
      '57P03',
      '57014',
      '55000',
    ])
      expect(isDependencyDown(err({ code }))).toBe(true);
    expect(isDependencyDown(err({ driverError: err({ code: '53300' }) }))).toBe(true);
  });
  it('recognises pool, query and Redis timeouts and closed connections by their messages', () => {
    for (const message of [
      'timeout exceeded when trying to connect',
      'Connection terminated due to connection timeout',
      'Connection terminated unexpectedly',
      'Query read timeout',
      'Client has encountered a connection error and is not queryable',
      'Command timed out',
      "Stream isn't writeable and enableOfflineQueue options is false",
      'Connection is closed.',
      'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.',
      'LOADING Redis is loading the dataset in memory',
    ])
      expect(isDependencyDown(new Error(message))).toBe(true);
    expect(isDependencyDown(new DependencyTimeoutError('Redis', 100))).toBe(true);
  });
  it('looks through causes and aggregated errors', () => {
    expect(isDependencyDown(new Error('wrapped', { cause: err({ code: '53300' }) }))).toBe(true);
    expect(isDependencyDown(new AggregateError([new Error('a'), err({ code: 'ECONNREFUSED' })]))).toBe(true);
  });
  it('does not take other failures for an outage', () => {
    expect(isDependencyDown(err({ code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isDependencyDown(err({ code: '23505' }))).toBe(false);
    expect(isDependencyDown(err({ code: '55P03' }))).toBe(false); // lock not available: not an outage
    expect(isDependencyDown(err({ code: '42P01' }))).toBe(false);
    expect(isDependencyDown(new Error('ERR wrong number of arguments'))).toBe(false);
    expect(isDependencyDown(new Error('boom'))).toBe(false);
    expect(isDependencyDown(null)).toBe(false);
    const loop = err({}) as Error & { cause?: unknown };
    loop.cause = loop;
    expect(isDependencyDown(loop)).toBe(false);
  });
  it('is what turns an error into UNAVAILABLE, retryable, instead of INTERNAL', () => {
    expect(toErrorBody(err({ code: '53300' }))).toEqual(
      expect.objectContaining({ code: 'UNAVAILABLE', retryable: true }),
    );
    expect(toErrorBody(new Error('boom'))).toEqual(
      expect.objectContaining({ code: 'INTERNAL', retryable: false }),
    );
  });
});

describe('isDataError', () => {
  it('recognises refusals caused by the values sent, also wrapped by TypeORM', () => {
    expect(isDataError(err({ code: '22P02' }))).toBe(true); // invalid text representation
    expect(isDataError(err({ code: '22003' }))).toBe(true); // numeric value out of range
    expect(isDataError(err({ code: '23502' }))).toBe(true); // not-null violation
    expect(isDataError(err({ driverError: err({ code: '23505' }) }))).toBe(true);
  });
  it('does not take an outage or another failure for a data error', () => {
    expect(isDataError(err({ code: '57P01' }))).toBe(false);
    expect(isDataError(err({ code: 'ECONNREFUSED', syscall: 'connect' }))).toBe(false);
    expect(isDataError(err({ code: '42P01' }))).toBe(false); // undefined table: a deployment problem
    expect(isDataError(err({ code: '2200' }))).toBe(false);
    expect(isDataError(new Error('boom'))).toBe(false);
    expect(isDataError(undefined)).toBe(false);
  });
});
