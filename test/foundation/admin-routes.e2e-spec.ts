import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../libs/core/src/index.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

interface Fixture {
  siteId: string;
  target: TestUser;
}
interface AdminRoute {
  method: 'get' | 'post' | 'patch' | 'put';
  path: (f: Fixture) => string;
  body?: () => object;
  ok: number;
}

const ADMIN_ROUTES: AdminRoute[] = [
  {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({
      email: `new-${randomUUID()}@test.local`,
      password: 'long-enough-1',
      name: 'New',
      role: 'guard',
    }),
    ok: 201,
  },
  { method: 'get', path: () => '/api/v1/users', ok: 200 },
  { method: 'get', path: (f) => `/api/v1/users/${f.target.id}`, ok: 200 },
  {
    method: 'patch',
    path: (f) => `/api/v1/users/${f.target.id}`,
    body: () => ({ name: 'Renamed' }),
    ok: 200,
  },
  {
    method: 'put',
    path: (f) => `/api/v1/users/${f.target.id}/sites`,
    body: () => ({ siteIds: [] }),
    ok: 200,
  },
  {
    method: 'post',
    path: () => '/api/v1/sites',
    body: () => ({
      name: 'North Gate',
      timezone: 'Europe/Berlin',
      geofence: { center: { lat: 52.5, lng: 13.4 }, radiusM: 100 },
    }),
    ok: 201,
  },
  {
    method: 'patch',
    path: (f) => `/api/v1/sites/${f.siteId}`,
    body: () => ({ name: 'Renamed Site' }),
    ok: 200,
  },
];
const label = (r: AdminRoute) =>
  `${r.method.toUpperCase()} ${r.path({ siteId: ':id', target: { id: ':id' } as TestUser })}`;

describe('admin routes', () => {
  let t: TestApp;
  let f: Fixture;
  const users = {} as Record<Role, TestUser>;
  const call = (r: AdminRoute, token: string) => {
    const req = request(t.baseUrl)[r.method](r.path(f)).auth(token, { type: 'bearer' });
    return r.body ? req.send(r.body()) : req;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const siteId = await createSite(t);
    f = { siteId, target: await createUser(t, 'guard', [siteId], { name: 'Target' }) };
    for (const role of ['guard', 'supervisor', 'manager', 'admin'] as const)
      users[role] = await createUser(t, role, [siteId]);
  });
  afterAll(() => t.close());

  const denied = (['guard', 'supervisor', 'manager'] as const).flatMap((role) =>
    ADMIN_ROUTES.map((r) => [role, label(r), r] as const),
  );
  it.each(denied)('%s: %s answers 403 FORBIDDEN', async (role, _label, route) => {
    const res = await call(route, users[role].token).expect(403);
    expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
  });

  it('left the target untouched after the refused calls', async () => {
    const res = await call(ADMIN_ROUTES[2], users.admin.token).expect(200);
    expect(res.body).toMatchObject({ name: 'Target', siteIds: [f.siteId] });
  });

  it.each(ADMIN_ROUTES.map((r) => [label(r), r] as const))('admin: %s succeeds', async (_label, route) => {
    const res = await call(route, users.admin.token).expect(route.ok);
    if (route.ok === 201) expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toHaveProperty('passwordHash');
  });

  it.each(ADMIN_ROUTES.map((r) => [label(r), r] as const))(
    'no token: %s answers 401',
    async (_label, route) => {
      const req = request(t.baseUrl)[route.method](route.path(f));
      const res = await (route.body ? req.send(route.body()) : req).expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    },
  );
});
