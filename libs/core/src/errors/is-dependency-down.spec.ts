import { isDataError, isDependencyDown } from './to-error-body.js';

const err = (fields: object) => Object.assign(new Error('x'), fields);

describe('isDependencyDown', () => {
  it('recognises an unreachable database over TCP or a Unix socket, also wrapped by TypeORM', () => {
    expect(isDependencyDown(err({ code: 'ECONNREFUSED', syscall: 'connect' }))).toBe(true);
    expect(isDependencyDown(err({ code: 'ENOENT', syscall: 'connect' }))).toBe(true);
    expect(isDependencyDown(err({ code: '57P01' }))).toBe(true);
    expect(isDependencyDown(err({ driverError: err({ code: 'ENOENT', syscall: 'connect' }) }))).toBe(true);
  });
  it('does not take other failures for an outage', () => {
    expect(isDependencyDown(err({ code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isDependencyDown(err({ code: '23505' }))).toBe(false);
    expect(isDependencyDown(new Error('boom'))).toBe(false);
    expect(isDependencyDown(null)).toBe(false);
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
