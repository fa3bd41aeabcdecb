import request from 'supertest';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describe('site assignments', () => {
  let t: TestApp;
  let admin: TestUser;
  let sites: string[];
  const siteIdsSeenBy = async (u: TestUser): Promise<string[]> => {
    const res = await request(t.baseUrl).get('/api/v1/sites').auth(u.token, { type: 'bearer' }).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return (res.body.items as { id: string }[]).map((s) => s.id).sort();
  };
  const putSites = (userId: string, siteIds: string[]) =>
    request(t.baseUrl)
      .put(`/api/v1/users/${userId}/sites`)
      .auth(admin.token, { type: 'bearer' })
      .send({ siteIds });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    sites = [await createSite(t, 'A'), await createSite(t, 'B'), await createSite(t, 'C')];
  });
  afterAll(() => t.close());

  it('admins see every site, assigned or not', async () => {
    expect(await siteIdsSeenBy(admin)).toEqual([...sites].sort());
  });

  it('a supervisor sees only assigned sites, and the change is live', async () => {
    const sup = await createUser(t, 'supervisor', [sites[0]]);
    expect(await siteIdsSeenBy(sup)).toEqual([sites[0]]);
    await request(t.baseUrl).get(`/api/v1/sites/${sites[1]}`).auth(sup.token, { type: 'bearer' }).expect(404);

    const res = await putSites(sup.id, [sites[1], sites[2], sites[1]]).expect(200);
    expect(res.body.siteIds).toEqual([sites[1], sites[2]].sort());
    expect(await siteIdsSeenBy(sup)).toEqual([sites[1], sites[2]].sort());
    await request(t.baseUrl).get(`/api/v1/sites/${sites[1]}`).auth(sup.token, { type: 'bearer' }).expect(200);
    await request(t.baseUrl).get(`/api/v1/sites/${sites[0]}`).auth(sup.token, { type: 'bearer' }).expect(404);

    const user = await request(t.baseUrl)
      .get(`/api/v1/users/${sup.id}`)
      .auth(admin.token, { type: 'bearer' })
      .expect(200);
    expect(user.body.siteIds).toEqual([sites[1], sites[2]].sort());
  });

  it('an empty list removes every assignment', async () => {
    const guard = await createUser(t, 'guard', [sites[0], sites[1]]);
    const res = await putSites(guard.id, []).expect(200);
    expect(res.body.siteIds).toEqual([]);
    expect(await siteIdsSeenBy(guard)).toEqual([]);
  });

  it('unknown site ids are VALIDATION_FAILED and change nothing', async () => {
    const guard = await createUser(t, 'guard', [sites[0]]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await putSites(guard.id, [sites[1], unknown]).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'siteIds' }] });
    expect(res.body.details[0].constraints.exists).toContain(unknown);
    expect(await siteIdsSeenBy(guard)).toEqual([sites[0]]);
  });

  it('malformed site ids and unknown users are refused', async () => {
    const guard = await createUser(t, 'guard');
    const bad = await putSites(guard.id, ['nope']).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'siteIds' })]);
    await putSites(guard.id, undefined as unknown as string[]).expect(400);
    const missing = await putSites('00000000-0000-4000-8000-000000000000', [sites[0]]).expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });
});
