import request from 'supertest';
import { isInsideGeofence, SiteAssignmentEntity, SiteEntity, UserEntity } from '../../libs/core/src/index.js';
import { ensureFirstAdmin } from '../../apps/api/src/seed/first-admin.js';
import { CommandBus } from '@nestjs/cqrs';
import { seedDemoData, type DemoIds } from '../../apps/api/src/seed/seed-demo-data.js';
import { seedDemoPatrols } from '../../apps/api/src/seed/seed-demo-patrols.js';
import { seedDemoMessages } from '../../apps/api/src/seed/seed-demo-messages.js';
import { seedDemoShifts } from '../../apps/api/src/seed/seed-demo-shifts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const login = (t: TestApp, email: string, password: string) =>
  request(t.baseUrl).post('/api/v1/auth/login').send({ email, password });

describe('first admin from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: ' Boss@Example.COM ', ADMIN_PASSWORD: 'first-admin-pass' });
  });
  afterAll(() => t.close());

  it('creates the admin once, who can then log in', async () => {
    await ensureFirstAdmin(t.db, t.config);
    await ensureFirstAdmin(t.db, t.config);
    expect(await t.db.getRepository(UserEntity).count({ where: { role: 'admin' } })).toBe(1);
    const res = await login(t, 'boss@example.com', 'first-admin-pass').expect(200);
    expect(res.body.user).toMatchObject({ email: 'boss@example.com', role: 'admin', active: true });
    await request(t.baseUrl).get('/api/v1/users').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
  });

  it('does nothing when an admin already exists', async () => {
    const other = { ...t.config, ADMIN_EMAIL: 'second@example.com' } as typeof t.config;
    await ensureFirstAdmin(t.db, other);
    expect(await t.db.getRepository(UserEntity).countBy({ email: 'second@example.com' })).toBe(0);
  });
});

describe('seedDemoData', () => {
  let t: TestApp;
  let ids: DemoIds | null;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => ({
    sites: await t.db.getRepository(SiteEntity).count(),
    users: await t.db.getRepository(UserEntity).count(),
    assignments: await t.db.getRepository(SiteAssignmentEntity).count(),
  });

  it('seeds 3 sites with geofences, an admin, a manager, 2 supervisors and 8 guards, once', async () => {
    ids = await seedDemoData(t.db);
    expect(ids).not.toBeNull();
    const sites = await t.db.getRepository(SiteEntity).find();
    expect(sites).toHaveLength(3);
    for (const s of sites) expect(s.geofence).toBeTruthy();
    const users = await t.db.getRepository(UserEntity).find();
    const byRole = (role: string) => users.filter((u) => u.role === role).length;
    expect({
      admin: byRole('admin'),
      manager: byRole('manager'),
      supervisor: byRole('supervisor'),
      guard: byRole('guard'),
    }).toEqual({ admin: 1, manager: 1, supervisor: 2, guard: 8 });
    const before = await counts();
    expect(await seedDemoData(t.db)).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('demo users log in with the demo password and see their sites', async () => {
    const expected: [string, string, number][] = [
      ['admin', 'admin', 3],
      ['manager', 'manager', 3],
      ['supervisor1', 'supervisor', 2],
      ['supervisor2', 'supervisor', 1],
      ['guard1', 'guard', 1],
      ['guard8', 'guard', 1],
    ];
    for (const [key, role, visibleSites] of expected) {
      const res = await login(t, `${key}@demo.patrolshield.local`, 'patrolshield-demo').expect(200);
      expect(res.body.user.role).toBe(role);
      const sites = await request(t.baseUrl)
        .get('/api/v1/sites')
        .auth(res.body.accessToken, { type: 'bearer' })
        .expect(200);
      expect(sites.body.total).toBe(visibleSites);
    }
  });

  it('gives every demo site a patrol route of 4 checkpoints inside its geofence', async () => {
    await seedDemoPatrols(t.app.get(CommandBus), ids!);
    const admin = await login(t, 'admin@demo.patrolshield.local', 'patrolshield-demo').expect(200);
    const routes = await request(t.baseUrl)
      .get('/api/v1/patrol-routes')
      .auth(admin.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(routes.body.total).toBe(3);
    const sites = await t.db.getRepository(SiteEntity).find();
    for (const r of routes.body.items) {
      expect(r.checkpoints).toHaveLength(4);
      const site = sites.find((s) => s.id === r.siteId)!;
      for (const c of r.checkpoints) expect(isInsideGeofence(c.location, site.geofence!)).toBe(true);
    }
  });

  it('gives the demo a few conversations: site ones with a dispatch order, and direct ones', async () => {
    await seedDemoMessages(t.app.get(CommandBus), ids!);
    const conversationsOf = async (key: string) => {
      const res = await login(t, `${key}@demo.patrolshield.local`, 'patrolshield-demo').expect(200);
      return (
        await request(t.baseUrl)
          .get('/api/v1/conversations')
          .auth(res.body.accessToken, { type: 'bearer' })
          .expect(200)
      ).body.items as { kind: string; name: string; lastMessage: { text: string }; unreadCount: number }[];
    };
    const guard1 = await conversationsOf('guard1');
    expect(guard1).toEqual([
      expect.objectContaining({ kind: 'site', name: 'Harbour Warehouse', unreadCount: 1 }),
    ]);
    const supervisor2 = await conversationsOf('supervisor2');
    expect(supervisor2.map((c) => c.kind).sort()).toEqual(['direct', 'direct']);
    const [order] = (await t.db.query(`SELECT requires_ack FROM messages WHERE requires_ack`)) as unknown[];
    expect(order).toBeTruthy();
  });

  it('plans shifts for every demo guard: yesterday missed (a no-show), one from the next hour, tomorrow', async () => {
    const now = new Date();
    expect(await seedDemoShifts(t.app.get(CommandBus), ids!, now)).toBe(24);
    const sup = await login(t, 'supervisor1@demo.patrolshield.local', 'patrolshield-demo').expect(200);
    const shifts = await request(t.baseUrl)
      .get('/api/v1/shifts?pageSize=200')
      .auth(sup.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(shifts.body.total).toBe(18); // guards 1-6 (Harbour, Mall) x 3
    const harbour = (await t.db.getRepository(SiteEntity).findOneByOrFail({ name: 'Harbour Warehouse' })).id;
    const from = new Date(now.getTime() - 3 * 86_400_000).toISOString();
    const report = (
      await request(t.baseUrl)
        .get(`/api/v1/attendance?siteId=${harbour}&from=${from}`)
        .auth(sup.body.accessToken, { type: 'bearer' })
        .expect(200)
    ).body;
    expect(report.items.map((l: { status: string }) => l.status).sort()).toEqual([
      'NO_SHOW',
      'NO_SHOW',
      'NO_SHOW',
    ]);
  });
});
