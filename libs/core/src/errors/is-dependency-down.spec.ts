import { isDependencyDown } from './to-error-body.js';

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
