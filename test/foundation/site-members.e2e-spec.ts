import request from 'supertest';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/v1/sites/:id/members', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("lists a site's people by name for its staff, filtered by role, and hides other sites", async () => {
    const site = await createSite(t, 'Members site');
    const other = await createSite(t, 'Other site');
    const sup = await createUser(t, 'supervisor', [site]);
    const a = await createUser(t, 'guard', [site], { name: 'Anna Guard' });
    const b = await createUser(t, 'guard', [site], { name: 'Bert Guard' });
    await createUser(t, 'guard', [other], { name: 'Elsewhere Guard' });
    const elsewhereSup = await createUser(t, 'supervisor', [other]);

    const res = await request(t.baseUrl)
      .get(`/api/v1/sites/${site}/members?role=guard`)
      .set('authorization', `Bearer ${sup.token}`)
      .expect(200);
    expect(res.body).toEqual({
      siteId: site,
      total: 2,
      page: 1,
      pageSize: 50,
      items: [
        { id: a.id, name: 'Anna Guard', role: 'guard', active: true },
        { id: b.id, name: 'Bert Guard', role: 'guard', active: true },
      ],
    });
    const all = await request(t.baseUrl)
      .get(`/api/v1/sites/${site}/members?pageSize=1&page=3`)
      .set('authorization', `Bearer ${sup.token}`)
      .expect(200);
    expect([all.body.total, all.body.items.length]).toEqual([3, 1]);

    await request(t.baseUrl)
      .get(`/api/v1/sites/${site}/members`)
      .set('authorization', `Bearer ${elsewhereSup.token}`)
      .expect(404);
    await request(t.baseUrl)
      .get(`/api/v1/sites/${site}/members`)
      .set('authorization', `Bearer ${a.token}`)
      .expect(403);
    const bad = await request(t.baseUrl)
      .get(`/api/v1/sites/${site}/members?role=boss`)
      .set('authorization', `Bearer ${sup.token}`)
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
