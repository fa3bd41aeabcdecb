import request from 'supertest';
import { command, type TestSocket } from '../support/sockets.js';
import { createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { api, cpLocation, createRoute, siteWithCheckpoints, startGuardRun } from './patrol-fixtures.js';

const patch = (t: TestApp, u: TestUser, path: string, body: object) =>
  request(t.baseUrl).patch(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`).send(body);
const del = (t: TestApp, u: TestUser, path: string) =>
  request(t.baseUrl).delete(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`);

describe('editing and deleting checkpoints and patrol routes', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('edits a checkpoint (a new code scans at once), keeps codes unique, deletes one nothing uses', async () => {
    const site = await siteWithCheckpoints(t, 'Edit checkpoints', 3, sockets);
    const [a, b, c] = site.cps;
    const edited = await patch(t, site.sup, `/checkpoints/${a.id}`, {
      name: 'Dock gate',
      code: 'DOCK-1',
      radiusM: 50,
    }).expect(200);
    expect(edited.body).toMatchObject({
      id: a.id,
      name: 'Dock gate',
      code: 'DOCK-1',
      radiusM: 50,
      location: cpLocation(1),
    });
    const taken = await patch(t, site.sup, `/checkpoints/${a.id}`, { code: b.code }).expect(409);
    expect(taken.body.details).toMatchObject({ field: 'code' });
    await patch(t, site.sup, `/checkpoints/${a.id}`, { radiusM: 0 }).expect(400);
    const guard = await createUser(t, 'guard', [site.siteId]);
    await patch(t, guard, `/checkpoints/${a.id}`, { name: 'x' }).expect(403);
    await patch(t, await createUser(t, 'supervisor'), `/checkpoints/${a.id}`, { name: 'x' }).expect(404);

    const { s, run } = await startGuardRun(
      t,
      { siteId: site.siteId, staff: site.sup, checkpoints: [a, b] },
      site.open,
      { expectedDurationMinutes: 60, maxGapMinutes: 30 },
    );
    const scan = await command(s, 'scan_checkpoint', {
      patrolRunId: run.id,
      checkpointCode: 'DOCK-1',
      location: cpLocation(1),
    });
    expect(scan.data.result).toBe('VALID');

    const inUse = await del(t, site.sup, `/checkpoints/${a.id}`).expect(409);
    expect(inUse.body.code).toBe('CONFLICT');
    expect(inUse.body.details.routeIds).toHaveLength(1);
    await del(t, site.sup, `/checkpoints/${c.id}`).expect(204);
    await del(t, site.sup, `/checkpoints/${c.id}`).expect(404);
    const list = await api(t, site.sup).get(`/sites/${site.siteId}/checkpoints`).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('edits a route (runs in progress keep theirs) and deletes only a route without runs', async () => {
    const site = await siteWithCheckpoints(t, 'Edit routes', 3, sockets);
    const [a, b, c] = site.cps;
    const { run, route } = await startGuardRun(
      t,
      { siteId: site.siteId, staff: site.sup, checkpoints: [a, b] },
      site.open,
      { expectedDurationMinutes: 60, maxGapMinutes: 30 },
    );
    const edited = await patch(t, site.sup, `/patrol-routes/${route.id}`, {
      name: 'Reversed',
      checkpointIds: [c.id, b.id, a.id],
      maxGapMinutes: 5,
    }).expect(200);
    expect(edited.body).toMatchObject({
      name: 'Reversed',
      checkpointIds: [c.id, b.id, a.id],
      maxGapMinutes: 5,
    });
    const runs = await api(t, site.sup).get(`/patrol-runs?siteId=${site.siteId}`).expect(200);
    expect(runs.body.items.find((r: { id: string }) => r.id === run.id).progress.total).toBe(2);
    const other = await siteWithCheckpoints(t, 'Elsewhere', 1, sockets);
    const foreign = await patch(t, site.sup, `/patrol-routes/${route.id}`, {
      checkpointIds: [other.cps[0].id],
    }).expect(400);
    expect(foreign.body.details[0].field).toBe('checkpointIds');
    await patch(t, site.sup, `/patrol-routes/${route.id}`, { siteId: other.siteId }).expect(400);

    expect((await del(t, site.sup, `/patrol-routes/${route.id}`).expect(409)).body.details.patrolRunId).toBe(
      run.id,
    );
    const unused = await createRoute(t, site.sup, {
      siteId: site.siteId,
      checkpointIds: [a.id],
      expectedDurationMinutes: 10,
      maxGapMinutes: 5,
    });
    await del(t, site.sup, `/patrol-routes/${unused.id}`).expect(204);
    await api(t, site.sup).get(`/patrol-routes/${unused.id}`).expect(404);
  });
});
