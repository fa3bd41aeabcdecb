import request from 'supertest';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('REST validation and shapes', () => {
  let t: TestApp;
  let admin: TestUser;
  const as = (u: TestUser) => ({
    get: (p: string) => request(t.baseUrl).get(p).auth(u.token, { type: 'bearer' }),
    post: (p: string, body: object) =>
      request(t.baseUrl).post(p).auth(u.token, { type: 'bearer' }).send(body),
    patch: (p: string, body: object) =>
      request(t.baseUrl).patch(p).auth(u.token, { type: 'bearer' }).send(body),
  });
  const fields = (res: request.Response) =>
    (res.body.details as { field: string }[]).map((d) => d.field).sort();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  it('POST /users: every bad field is listed with its constraints', async () => {
    const res = await as(admin)
      .post('/api/v1/users', {
        email: 'not-an-email',
        password: 'short',
        name: 'Ann',
        role: 'boss',
        nickname: 'x',
      })
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
    });
    expect(fields(res)).toEqual(['email', 'nickname', 'password', 'role']);
    for (const d of res.body.details) expect(Object.keys(d.constraints).length).toBeGreaterThan(0);
    const byField = Object.fromEntries(
      res.body.details.map((d: { field: string; constraints: object }) => [d.field, d.constraints]),
    );
    expect(byField.email).toHaveProperty('isEmail');
    expect(byField.password).toHaveProperty('minLength');
    expect(byField.role).toHaveProperty('isIn');
    expect(byField.nickname).toHaveProperty('whitelistValidation');
  });

  it('POST /users: 201 with the created user, email normalised, no password hash; duplicate is 409', async () => {
    const body = {
      email: ' New.Guard@Test.Local ',
      password: 'long-enough-1',
      name: '<b>New</b> Guard',
      role: 'guard',
    };
    const res = await as(admin).post('/api/v1/users', body).expect(201);
    expect(res.body).toMatchObject({
      email: 'new.guard@test.local',
      name: 'New Guard',
      role: 'guard',
      active: true,
      siteIds: [],
    });
    expect(res.body.id).toMatch(UUID);
    expect(res.body).not.toHaveProperty('passwordHash');
    expect(res.body).not.toHaveProperty('password');
    const dup = await as(admin).post('/api/v1/users', body).expect(409);
    expect(dup.body.code).toBe('CONFLICT');
  });

  it('PATCH /users/:id refuses unknown fields and bad values', async () => {
    const user = await createUser(t, 'guard');
    const res = await as(admin)
      .patch(`/api/v1/users/${user.id}`, { role: 'root', active: 'yes', passwordHash: 'x' })
      .expect(400);
    expect(fields(res)).toEqual(['active', 'passwordHash', 'role']);
  });

  it('POST /sites: 201 with id; bad geofences are VALIDATION_FAILED on geofence', async () => {
    const ok = await as(admin)
      .post('/api/v1/sites', {
        name: 'Depot',
        timezone: 'Europe/Berlin',
        geofence: { center: { lat: 52.5, lng: 13.4 }, radiusM: 150 },
      })
      .expect(201);
    expect(ok.body).toMatchObject({ name: 'Depot', timezone: 'Europe/Berlin', active: true });
    expect(ok.body.id).toMatch(UUID);

    const bad = [
      { center: { lat: 91, lng: 13.4 }, radiusM: 100 },
      { center: { lat: 52.5, lng: 181 }, radiusM: 100 },
      { center: { lat: 52.5, lng: 13.4 }, radiusM: 0 },
      {
        type: 'Polygon',
        coordinates: [
          [
            [13.3, 52.5],
            [13.3, 52.6],
            [13.4, 52.6],
            [13.4, 52.5],
          ],
        ],
      },
      { type: 'Polygon', coordinates: [] },
    ];
    for (const geofence of bad) {
      const res = await as(admin).post('/api/v1/sites', { name: 'Bad', geofence }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        { field: 'geofence', constraints: { isGeofence: expect.any(String) } },
      ]);
    }
    const unclosed = await as(admin).post('/api/v1/sites', { name: 'Bad', geofence: bad[3] }).expect(400);
    expect(unclosed.body.details[0].constraints.isGeofence).toMatch(/closed/);
    const tz = await as(admin).post('/api/v1/sites', { name: 'Bad', timezone: 'Mars/Olympus' }).expect(400);
    expect(fields(tz)).toEqual(['timezone']);
  });

  it('a closed polygon geofence is accepted and returned as sent', async () => {
    const geofence = {
      type: 'Polygon',
      coordinates: [
        [
          [13.3, 52.5],
          [13.3, 52.6],
          [13.4, 52.6],
          [13.3, 52.5],
        ],
      ],
    };
    const res = await as(admin).post('/api/v1/sites', { name: 'Poly', geofence }).expect(201);
    expect(res.body.geofence).toEqual(geofence);
  });

  it.each(['/api/v1/users/not-a-uuid', '/api/v1/sites/123'])(
    'a bad UUID in %s is VALIDATION_FAILED on id',
    async (path) => {
      const res = await as(admin).get(path).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [{ field: 'id', constraints: { isUuid: expect.any(String) } }],
      });
    },
  );

  it('an unknown id is 404 NOT_FOUND', async () => {
    const res = await as(admin).get('/api/v1/users/00000000-0000-4000-8000-000000000000').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
  });

  it('lists answer { items, total, page, pageSize } and validate paging', async () => {
    for (let i = 0; i < 3; i++) await createSite(t, `List ${i}`);
    const res = await as(admin).get('/api/v1/sites?page=2&pageSize=2').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    expect(res.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.items).toHaveLength(2);
    const users = await as(admin).get('/api/v1/users?role=admin').expect(200);
    expect(users.body).toMatchObject({
      page: 1,
      pageSize: 50,
      total: 1,
      items: [{ id: admin.id, role: 'admin' }],
    });
    const bad = await as(admin).get('/api/v1/users?page=0&pageSize=500').expect(400);
    expect(fields(bad)).toEqual(['page', 'pageSize']);
  });

  it('malformed JSON is VALIDATION_FAILED, not a 500', async () => {
    const res = await request(t.baseUrl)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });
});
