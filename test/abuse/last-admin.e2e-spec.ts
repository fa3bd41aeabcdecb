import request from 'supertest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Issue 23: the organisation always keeps an active admin. */
describe('abuse: the last admin', () => {
  let t: TestApp;
  let only: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    only = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  const patch = (as: TestUser, id: string, body: object) =>
    request(t.baseUrl).patch(`/api/v1/users/${id}`).auth(as.token, { type: 'bearer' }).send(body);
  const stored = async (id: string) =>
    (
      (await t.db.query('SELECT role, active FROM users WHERE id = $1', [id])) as {
        role: string;
        active: boolean;
      }[]
    )[0];

  it('the only admin cannot demote or deactivate themselves: 409 CONFLICT with a message, nothing changes', async () => {
    for (const body of [{ role: 'supervisor' }, { active: false }, { role: 'guard', active: false }]) {
      const res = await patch(only, only.id, body).expect(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        code: 'CONFLICT',
        message: expect.stringMatching(/admin/i),
      });
    }
    expect(await stored(only.id)).toEqual({ role: 'admin', active: true });
    await patch(only, only.id, { name: 'Still Admin' }).expect(200);
  });

  it('with a second active admin, either may step down, but never the last one', async () => {
    const second = await createUser(t, 'admin');
    await patch(only, second.id, { role: 'manager' }).expect(200);
    await patch(only, only.id, { active: false }).expect(409);
    await patch(only, second.id, { role: 'admin' }).expect(200);
    await patch(only, only.id, { role: 'supervisor' }).expect(200);
    expect(await stored(only.id)).toEqual({ role: 'supervisor', active: true });
    await patch(second, second.id, { active: false }).expect(409);
  });

  it('two admins demoting each other at once: one wins, one is refused', async () => {
    const a = await createUser(t, 'admin');
    const b = await createUser(t, 'admin');
    // the earlier suite left `second` as the only other admin: demote it first so a and b are the last two
    await t.db.query(`UPDATE users SET role = 'manager' WHERE role = 'admin' AND id NOT IN ($1, $2)`, [
      a.id,
      b.id,
    ]);
    const [x, y] = await Promise.all([patch(a, b.id, { role: 'guard' }), patch(b, a.id, { role: 'guard' })]);
    // the loser is refused by the rule (409), or, if it arrives after the winner committed, by its lost role (403)
    const [won, lost] = [x.status, y.status].sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    const admins = (await t.db.query(`SELECT id FROM users WHERE role = 'admin' AND active`)) as object[];
    expect(admins).toHaveLength(1);
  });
});
