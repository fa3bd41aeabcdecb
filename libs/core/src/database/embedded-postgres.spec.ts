import { unixSocketDir } from './embedded-postgres.js';

describe('unixSocketDir', () => {
  it('puts the socket beside the cluster when its path fits sockaddr_un', () => {
    expect(unixSocketDir('/tmp/patrolshield-x/pg', 54321)).toBe('/tmp/patrolshield-x/pg');
  });
  it('keeps to TCP for a path too long for a socket or unsafe in unix_socket_directories', () => {
    expect(unixSocketDir(`/tmp/${'d'.repeat(90)}/pg`, 54321)).toBeNull();
    expect(unixSocketDir('/tmp/a,b/pg', 54321)).toBeNull();
    expect(unixSocketDir('/tmp/with space/pg', 54321)).toBeNull();
  });
});
