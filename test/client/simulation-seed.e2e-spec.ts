import request from 'supertest';
import { SimulationModule } from '../../apps/api/src/simulation/simulation.module.js';
import { PatrolShieldClient } from '../../libs/client/src/index.js';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';

/** POST /api/v1/simulation/seed: bulk organisation for the simulator and the bench. */
describe('simulation seed endpoint', () => {
  let t: TestApp;
  let off: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ENABLE_SIMULATION_SEED: 'true' }, undefined, [
      SimulationModule.forRoot({ ENABLE_SIMULATION_SEED: true, NODE_ENV: 'test' }),
    ]);
    off = await startTestApp({}, undefined, [
      SimulationModule.forRoot({ ENABLE_SIMULATION_SEED: false, NODE_ENV: 'test' }),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await off.close();
  });

  it('creates sites, checkpoints, routes and users in bulk with working tokens (admin only)', async () => {
    const admin = await createUser(t, 'admin');
    const started = Date.now();
    const res = await request(t.baseUrl)
      .post('/api/v1/simulation/seed')
      .auth(admin.token, { type: 'bearer' })
      .send({ sites: 3, guards: 300, supervisors: 6, checkpointsPerSite: 12 })
      .expect(201);
    expect(Date.now() - started).toBeLessThan(20_000);
    const body = res.body;
    expect(body.sites).toHaveLength(3);
    expect(body.guards).toHaveLength(300);
    expect(body.supervisors).toHaveLength(6);
    expect(body.sites[0].checkpoints).toHaveLength(12);
    expect(body.sites[0].routeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.guards[0].siteIds).toEqual([body.sites[0].id]);
    const routes = await request(t.baseUrl)
      .get('/api/v1/patrol-routes')
      .query({ siteId: body.sites[0].id })
      .auth(admin.token, { type: 'bearer' });
    expect(routes.status).toBe(200);
    // The route walks the checkpoints in the order they were laid out (SIM-...-2 before SIM-...-10).
    const route = (routes.body.items as { id: string; checkpointIds: string[] }[]).find(
      (r) => r.id === body.sites[0].routeId,
    );
    expect(route!.checkpointIds).toEqual(body.sites[0].checkpoints.map((c: { id: string }) => c.id));

    const c = new PatrolShieldClient({ url: t.baseUrl, getToken: () => body.guards[0].token });
    try {
      const session = await c.connect();
      expect(session.siteIds).toEqual([body.sites[0].id]);
      const shift = await c.command('shift_start', {
        siteId: body.sites[0].id,
        location: body.sites[0].geofence.center,
      });
      expect(shift.shift.id).toBeDefined();
    } finally {
      c.close();
    }
  });

  it('refuses non-admins and does not exist unless enabled', async () => {
    const sup = await createUser(t, 'supervisor');
    await request(t.baseUrl)
      .post('/api/v1/simulation/seed')
      .auth(sup.token, { type: 'bearer' })
      .send({ sites: 1, guards: 1, supervisors: 1 })
      .expect(403);
    const admin = await createUser(off, 'admin');
    await request(off.baseUrl)
      .post('/api/v1/simulation/seed')
      .auth(admin.token, { type: 'bearer' })
      .send({ sites: 1, guards: 1, supervisors: 1 })
      .expect(404);
  });
});
