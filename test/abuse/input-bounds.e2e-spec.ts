import request from 'supertest';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Issue 23: every list bounds page and pageSize; NUL, lone surrogates and deep nesting are refused with a code. */
describe('abuse: input bounds on REST', () => {
  let t: TestApp;
  let admin: TestUser;
  let site: string;
  const get = (path: string) => request(t.baseUrl).get(path).auth(admin.token, { type: 'bearer' });
  const post = (path: string, body: unknown) =>
    request(t.baseUrl)
      .post(path)
      .auth(admin.token, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(body as object);
  const refused = (res: request.Response, status = 400, code = 'VALIDATION_FAILED') => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.statusCode).toBe(status);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    site = await createSite(t, 'Bounds');
  });
  afterAll(() => t.close());

  const lists = () => [
    '/api/v1/sites',
    '/api/v1/users',
    '/api/v1/incidents',
    '/api/v1/panics',
    '/api/v1/shifts',
    '/api/v1/patrol-routes',
    '/api/v1/patrol-runs',
    '/api/v1/audit',
    `/api/v1/sites/${site}/checkpoints`,
    `/api/v1/tracking/users/${admin.id}/history`,
  ];

  it('every list refuses a page beyond its bound with VALIDATION_FAILED on page', async () => {
    for (const path of lists()) {
      for (const page of ['1e20', '100001', '9007199254740993']) {
        const res = await get(`${path}?page=${page}`);
        refused(res);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'page' })]);
      }
      refused(await get(`${path}?pageSize=100000`));
      expect((await get(`${path}?page=2&pageSize=10`)).status).toBe(200);
    }
  });

  it('NUL in a query string is refused, not sent to PostgreSQL', async () => {
    refused(await get('/api/v1/users?q=a%00b'));
    refused(await get('/api/v1/audit?event=a%00b'));
    refused(await get('/api/v1/incidents?siteId=%00'));
    refused(await get('/api/v1/users/%00'));
  });

  it('NUL and lone surrogates in a body are refused and nothing is stored', async () => {
    const before = (await get('/api/v1/sites')).body.total as number;
    for (const name of ['a\u0000b', 'a\uD800b', 'tail \uDC00', 'x\uDBFF'])
      refused(await post('/api/v1/sites', { name, timezone: 'UTC' }));
    // a real pair (an emoji) is fine
    expect((await post('/api/v1/sites', { name: 'ok \uD83D\uDE00', timezone: 'UTC' })).status).toBe(201);
    expect((await get('/api/v1/sites')).body.total).toBe(before + 1);
  });

  it('5,000 nested brackets at login are refused before any deep walk (no login needed)', async () => {
    const deepArray = '['.repeat(5000) + ']'.repeat(5000);
    const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const inField = `{"email":"a@b.c","password":${deepArray}}`;
    for (const raw of [deepArray, deepObject, inField]) {
      const res = await request(t.baseUrl)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(raw);
      refused(res);
    }
    // the same depth rule as socket payloads: 8 levels pass validation's shape check, 9 do not
    const nine = { email: 'a@b.c', password: 'x', deviceId: [[[[[[[['x']]]]]]]] };
    const res = await request(t.baseUrl).post('/api/v1/auth/login').send(nine);
    refused(res);
    expect(res.body.details[0].constraints).toHaveProperty('maxDepth');
    expect((await request(t.baseUrl).get('/health/live')).status).toBe(200);
  });
});
