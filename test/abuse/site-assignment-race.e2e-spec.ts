import request from 'supertest';
import { Publisher, roomsOf } from '../../libs/realtime/src/index.js';
import { connect, receivedOf, type TestSocket } from '../support/sockets.js';
import { pollUntil } from '../support/poll.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Issue 23: concurrent PUT /users/:id/sites never answer 5xx and leave the live rooms equal to the database. */
describe('abuse: concurrent site assignments of one user', () => {
  let t: TestApp;
  let admin: TestUser;
  let sites: string[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    sites = [];
    for (let i = 0; i < 5; i++) sites.push(await createSite(t, `Race ${i}`));
  });
  afterAll(() => t.close());

  const putSites = (userId: string, siteIds: string[]) =>
    request(t.baseUrl)
      .put(`/api/v1/users/${userId}/sites`)
      .auth(admin.token, { type: 'bearer' })
      .send({ siteIds });
  const storedSiteIds = async (userId: string): Promise<string[]> =>
    (
      (await t.db.query('SELECT site_id FROM site_assignments WHERE user_id = $1', [userId])) as {
        site_id: string;
      }[]
    )
      .map((r) => r.site_id)
      .sort();
  /** The rooms and cached sites of the user's live socket(s), as the server holds them. */
  const liveState = async (userId: string) => {
    const sockets = await t.app.get(Publisher).io.in(`user:${userId}`).fetchSockets();
    return sockets.map((s) => ({
      rooms: [...s.rooms].filter((r) => r !== s.id).sort(),
      siteIds: [...s.data.principal.siteIds].sort(),
    }));
  };

  it.each(['guard', 'supervisor'] as const)(
    'six concurrent PUTs for a %s: no 5xx, rooms equal the database',
    async (role) => {
      const user = await createUser(t, role, [sites[0]]);
      const live: TestSocket = await connect(t.baseUrl, { token: user.token });
      try {
        for (let round = 0; round < 3; round++) {
          const wanted = Array.from({ length: 6 }, (_, i) =>
            sites.filter((_, j) => (i + j + round) % 3 !== 0),
          );
          wanted.push([]);
          const answers = await Promise.all(wanted.map((w) => putSites(user.id, w)));
          for (const a of answers) expect([200, 409]).toContain(a.status);
          expect(answers.some((a) => a.status === 200)).toBe(true);
          const stored = await storedSiteIds(user.id);
          const expected = {
            rooms: roomsOf({ userId: user.id, role, siteIds: stored }).sort(),
            siteIds: stored,
          };
          await pollUntil(async () => {
            const state = await liveState(user.id);
            return state.length === 1 && JSON.stringify(state[0]) === JSON.stringify(expected);
          }, 3000).catch(async () => expect(await liveState(user.id)).toEqual([expected]));
          // the last word the device heard is the stored state, too
          const last = await pollUntil(() => {
            const heard = receivedOf(live, 'assignments_changed').at(-1);
            return heard && [...heard.siteIds].sort().join() === stored.join() && heard;
          }, 3000);
          expect(last.role).toBe(role);
        }
      } finally {
        live.close();
      }
    },
  );
});
