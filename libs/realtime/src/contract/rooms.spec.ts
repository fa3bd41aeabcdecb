import { readableStreams, roomsOf } from './rooms.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const U = '00000000-0000-4000-8000-0000000000ff';

describe('rooms', () => {
  it('guards get guard rooms only, never staff rooms', () => {
    const rooms = roomsOf({ userId: U, role: 'guard', siteIds: [A, B] });
    expect(rooms).toEqual([`user:${U}`, 'role:guard', `site:${A}:guards`, `site:${B}:guards`]);
    expect(rooms.some((r) => r.endsWith(':staff'))).toBe(false);
  });
  it('supervisors and admins get staff rooms of their sites', () => {
    expect(readableStreams({ userId: U, role: 'supervisor', siteIds: [A] })).toEqual([
      `user:${U}`,
      `site:${A}:staff`,
    ]);
    expect(roomsOf({ userId: U, role: 'admin', siteIds: [A, B] })).toContain(`site:${B}:staff`);
  });
});
