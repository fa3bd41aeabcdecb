import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PayloadOf } from '../../libs/contract/src/index.js';
import { command, connect, flush, rawCommand, type TestSocket, waitFor } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const ofIncident = (id: string) => (env: any) => env?.data?.incident?.id === id;
const eventsOf = (s: TestSocket, event: string, id: string) =>
  s.received.filter((r) => r.event === event && ofIncident(id)(r.data));
/** A valid report; `extra` may make it invalid on purpose (the validation cases). */
const newIncident = (siteId: string, extra: object = {}) =>
  ({
    siteId,
    type: 'INTRUSION',
    priority: 'HIGH',
    title: 'Fence cut at gate 3',
    ...extra,
  }) as PayloadOf<'create_incident'>;

describe('incidents', () => {
  let t: TestApp;
  let siteA: string;
  let siteB: string;
  let supA: TestUser;
  let supB: TestUser;
  let admin: TestUser;
  let reporter: TestUser;
  let worker: TestUser;
  let bystander: TestUser;
  let guardB: TestUser;
  const open = (u: TestUser) => connect(t.baseUrl, { token: u.token });
  const http = (u: TestUser) => ({
    get: (path: string) => request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`),
    post: (path: string, body: object = {}) =>
      request(t.baseUrl).post(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`).send(body),
    patch: (path: string, body: object) =>
      request(t.baseUrl).patch(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp();
    siteA = await createSite(t, 'Site A');
    siteB = await createSite(t, 'Site B');
    supA = await createUser(t, 'supervisor', [siteA]);
    supB = await createUser(t, 'supervisor', [siteB]);
    admin = await createUser(t, 'admin');
    reporter = await createUser(t, 'guard', [siteA], { name: 'Rita Reporter' });
    worker = await createUser(t, 'guard', [siteA], { name: 'Walt Worker' });
    bystander = await createUser(t, 'guard', [siteA]);
    guardB = await createUser(t, 'guard', [siteB]);
  });
  afterAll(() => t.close());

  it('runs the whole life of an incident over sockets, each event to exactly its audience', async () => {
    const [rep, work, by, sA, sB, ad] = await Promise.all(
      [reporter, worker, bystander, supA, supB, admin].map(open),
    );
    const offlineMgr = await createUser(t, 'manager', [siteA]);
    const offline = await open(offlineMgr);
    const offlineCursors = offline.session.streams as Record<string, number>;
    offline.close();

    const created = await command(
      rep,
      'create_incident',
      newIncident(siteA, {
        description: '<script>x()</script>Wire <b>cut</b>',
        location: { lat: 52.5, lng: 13.4 },
      }),
    );
    expect(created.ok).toBe(true);
    const incident = created.data.incident;
    expect(incident).toMatchObject({
      siteId: siteA,
      type: 'INTRUSION',
      priority: 'HIGH',
      status: 'OPEN',
      title: 'Fence cut at gate 3',
      description: 'Wire cut',
      location: { lat: 52.5, lng: 13.4 },
      reporter: { id: reporter.id, name: 'Rita Reporter' },
      assignee: null,
      history: [{ action: 'CREATED', actor: { id: reporter.id, name: 'Rita Reporter' } }],
    });
    const id: string = incident.id;
    const createdEnv = await waitFor(sA, 'incident_created', ofIncident(id));
    expect(createdEnv).toMatchObject({
      stream: `site:${siteA}:staff`,
      siteId: siteA,
      data: { incident: { id } },
    });
    await waitFor(ad, 'incident_created', ofIncident(id));
    expect((await waitFor(rep, 'incident_created', ofIncident(id))).stream).toBe(`user:${reporter.id}`);

    const assigned = await command(sA, 'assign_incident', { incidentId: id, assigneeId: worker.id });
    expect(assigned.data.incident).toMatchObject({
      status: 'ASSIGNED',
      assignee: { id: worker.id, name: 'Walt Worker' },
    });
    for (const s of [sA, ad, rep, work]) {
      const env = await waitFor(s, 'incident_assigned', ofIncident(id));
      expect(env.data.assignee).toEqual({ id: worker.id, name: 'Walt Worker' });
    }

    const started = await command(work, 'update_incident', {
      incidentId: id,
      status: 'IN_PROGRESS',
      priority: 'CRITICAL',
      note: 'On my way',
    });
    expect(started.data.incident).toMatchObject({ status: 'IN_PROGRESS', priority: 'CRITICAL' });
    for (const s of [sA, rep, work]) {
      const env = await waitFor(s, 'incident_updated', ofIncident(id));
      expect(env.data.changes).toEqual({
        status: { from: 'ASSIGNED', to: 'IN_PROGRESS' },
        priority: { from: 'HIGH', to: 'CRITICAL' },
        note: 'On my way',
      });
    }

    const resolved = await command(work, 'resolve_incident', {
      incidentId: id,
      resolution: 'Fence <i>fixed</i>',
    });
    expect(resolved.data.incident).toMatchObject({
      status: 'RESOLVED',
      resolution: 'Fence fixed',
      resolvedBy: { id: worker.id },
      resolvedAt: expect.any(String),
    });
    for (const s of [sA, ad, rep, work]) await waitFor(s, 'incident_resolved', ofIncident(id));
    expect(resolved.data.incident.history.map((h: any) => h.action)).toEqual([
      'CREATED',
      'ASSIGNED',
      'UPDATED',
      'RESOLVED',
    ]);
    expect(resolved.data.incident.history[2]).toMatchObject({ actor: { id: worker.id }, note: 'On my way' });

    await Promise.all([by, sB, sA, rep, work].map(flush));
    for (const event of ['incident_created', 'incident_assigned', 'incident_updated', 'incident_resolved']) {
      expect(eventsOf(by, event, id)).toHaveLength(0);
      expect(eventsOf(sB, event, id)).toHaveLength(0);
      expect(eventsOf(sA, event, id)).toHaveLength(1);
      expect(eventsOf(rep, event, id)).toHaveLength(1);
    }
    expect(eventsOf(work, 'incident_created', id)).toHaveLength(0);

    const back = await open(offlineMgr);
    const synced = await command(back, 'sync', { cursors: offlineCursors });
    const staffEvents = (synced.data.streams[`site:${siteA}:staff`].events as any[]).filter(ofIncident(id));
    expect(staffEvents.map((e) => e.type)).toEqual([
      'incident_created',
      'incident_assigned',
      'incident_updated',
      'incident_resolved',
    ]);
    [rep, work, by, sA, sB, ad, back].forEach((s) => s.close());
  });

  it('validates create_incident and refuses members of other sites', async () => {
    const [rep, gB, sB, ad] = await Promise.all([reporter, guardB, supB, admin].map(open));
    const cases: [object, string][] = [
      [{ ...newIncident(siteA), title: undefined }, 'title'],
      [newIncident(siteA, { title: '<b></b>' }), 'title'],
      [newIncident(siteA, { type: 'ALIENS' }), 'type'],
      [newIncident(siteA, { priority: 'URGENT' }), 'priority'],
      [newIncident('not-a-uuid'), 'siteId'],
      [newIncident(siteA, { location: { lat: -91, lng: 0 } }), 'location.lat'],
      [newIncident(siteA, { recordedAt: '2020-01-01T00:00:00Z' }), 'recordedAt'],
      [newIncident(siteA, { severity: 1 }), 'severity'],
    ];
    for (const [payload, field] of cases) {
      const ack = await command(rep, 'create_incident', JSON.parse(JSON.stringify(payload)));
      expect(ack.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(ack.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const long = await command(rep, 'create_incident', newIncident(siteA, { description: 'd'.repeat(6000) }));
    expect(long.data.incident.description).toHaveLength(5000);
    expect((await command(gB, 'create_incident', newIncident(siteA))).error.code).toBe('FORBIDDEN');
    expect((await command(sB, 'create_incident', newIncident(siteA))).error.code).toBe('FORBIDDEN');
    expect((await command(ad, 'create_incident', newIncident(randomUUID()))).error.code).toBe('NOT_FOUND');
    const byAdmin = await command(ad, 'create_incident', newIncident(siteB, { priority: 'LOW' }));
    expect(byAdmin.data.incident).toMatchObject({ siteId: siteB, reporter: { id: admin.id } });
    [rep, gB, sB, ad].forEach((s) => s.close());
  });

  it('answers a retried clientEventId with the first result: one row, one event', async () => {
    const [rep, sA] = await Promise.all([reporter, supA].map(open));
    const clientEventId = randomUUID();
    const payload = newIncident(siteA, { clientEventId, title: 'Retried report' });
    const first = await command(rep, 'create_incident', payload);
    const retry = await command(rep, 'create_incident', payload);
    expect(retry).toEqual(first);
    await waitFor(sA, 'incident_created', ofIncident(first.data.incident.id));
    await flush(sA);
    expect(eventsOf(sA, 'incident_created', first.data.incident.id)).toHaveLength(1);
    const rows = await t.db.query(`SELECT 1 FROM incidents WHERE title = 'Retried report'`);
    expect(rows).toHaveLength(1);
    const reused = await command(rep, 'update_incident', {
      incidentId: first.data.incident.id,
      note: 'x',
      clientEventId,
    });
    expect(reused.error.code).toBe('CONFLICT');
    [rep, sA].forEach((s) => s.close());
  });

  it('guards assign, update and resolve with roles, sites, assignee and the status machine', async () => {
    const [rep, work, by, sA, sB, gB] = await Promise.all(
      [reporter, worker, bystander, supA, supB, guardB].map(open),
    );
    const { data } = await command(rep, 'create_incident', newIncident(siteA, { title: 'Rules' }));
    const incidentId: string = data.incident.id;

    expect((await command(rep, 'assign_incident', { incidentId, assigneeId: worker.id })).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await command(sB, 'assign_incident', { incidentId, assigneeId: worker.id })).error.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await command(sA, 'assign_incident', { incidentId: randomUUID(), assigneeId: worker.id })).error.code,
    ).toBe('NOT_FOUND');
    const unknown = await command(sA, 'assign_incident', { incidentId, assigneeId: randomUUID() });
    expect(unknown.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'assigneeId' }] });
    const foreign = await command(sA, 'assign_incident', { incidentId, assigneeId: guardB.id });
    expect(foreign.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'The assignee is not assigned to this site',
    });
    const badId = await command(sA, 'assign_incident', { incidentId: 'nope', assigneeId: worker.id });
    expect(badId.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'incidentId' }] });

    expect((await command(sA, 'resolve_incident', { incidentId, resolution: 'done' })).error.code).toBe(
      'CONFLICT',
    );
    expect((await command(sA, 'update_incident', { incidentId, status: 'IN_PROGRESS' })).error.code).toBe(
      'CONFLICT',
    );
    await command(sA, 'assign_incident', { incidentId, assigneeId: worker.id });

    expect((await command(by, 'update_incident', { incidentId, note: 'me too' })).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await command(gB, 'update_incident', { incidentId, note: 'hi' })).error.code).toBe('NOT_FOUND');
    expect((await command(rep, 'resolve_incident', { incidentId, resolution: 'x' })).error.code).toBe(
      'FORBIDDEN',
    );
    const empty = await command(work, 'update_incident', { incidentId });
    expect(empty.error.code).toBe('VALIDATION_FAILED');
    const badStatus = await rawCommand(work, 'update_incident', { incidentId, status: 'DONE' });
    expect(badStatus.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'status' }] });
    expect((await command(work, 'update_incident', { incidentId, status: 'RESOLVED' })).error.code).toBe(
      'CONFLICT',
    );
    expect((await command(work, 'update_incident', { incidentId, status: 'IN_PROGRESS' })).ok).toBe(true);
    expect((await command(work, 'update_incident', { incidentId, status: 'IN_PROGRESS' })).error.code).toBe(
      'CONFLICT',
    );
    const noResolution = await command(work, 'resolve_incident', { incidentId, resolution: '' });
    expect(noResolution.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'resolution' }],
    });
    expect((await command(sA, 'resolve_incident', { incidentId, resolution: 'Staff did it' })).ok).toBe(true);
    expect((await command(work, 'resolve_incident', { incidentId, resolution: 'again' })).error.code).toBe(
      'CONFLICT',
    );
    expect((await command(sA, 'assign_incident', { incidentId, assigneeId: worker.id })).error.code).toBe(
      'CONFLICT',
    );
    [rep, work, by, sA, sB, gB].forEach((s) => s.close());
  });

  it('serves incidents over REST, raising the same events, and closes resolved ones', async () => {
    const [sA, rep, work] = await Promise.all([supA, reporter, worker].map(open));
    const created = await http(reporter).post(
      '/incidents',
      newIncident(siteA, { priority: 'MEDIUM', type: 'THEFT' }),
    );
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ status: 'OPEN', type: 'THEFT', reporter: { id: reporter.id } });
    await waitFor(sA, 'incident_created', ofIncident(id));
    expect((await http(guardB).post('/incidents', newIncident(siteA))).status).toBe(403);
    expect((await http(reporter).post('/incidents', { siteId: siteA })).body.code).toBe('VALIDATION_FAILED');

    expect((await http(reporter).post(`/incidents/${id}/assign`, { assigneeId: worker.id })).status).toBe(
      403,
    );
    const assigned = await http(supA).post(`/incidents/${id}/assign`, { assigneeId: worker.id });
    expect(assigned.status).toBe(200);
    await waitFor(work, 'incident_assigned', ofIncident(id));
    const patched = await http(worker).patch(`/incidents/${id}`, { status: 'IN_PROGRESS' });
    expect(patched.body.incident.status).toBe('IN_PROGRESS');
    await waitFor(rep, 'incident_updated', ofIncident(id));
    expect((await http(supA).post(`/incidents/${id}/close`)).status).toBe(409);
    const resolved = await http(worker).post(`/incidents/${id}/resolve`, { resolution: 'Recovered' });
    expect(resolved.body.incident.status).toBe('RESOLVED');
    await waitFor(sA, 'incident_resolved', ofIncident(id));
    expect((await http(worker).post(`/incidents/${id}/close`)).status).toBe(403);
    const closed = await http(supA).post(`/incidents/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.incident).toMatchObject({ status: 'CLOSED', closedBy: { id: supA.id } });
    const closedEnv = await waitFor(
      rep,
      'incident_updated',
      (e) => ofIncident(id)(e) && e.data.incident.status === 'CLOSED',
    );
    expect(closedEnv.data.changes).toEqual({ status: { from: 'RESOLVED', to: 'CLOSED' } });
    expect((await http(supA).post(`/incidents/${id}/close`)).status).toBe(409);
    expect((await http(supA).patch(`/incidents/${id}`, { note: 'late' })).status).toBe(409);

    const one = await http(reporter).get(`/incidents/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.history.map((h: any) => h.action)).toEqual([
      'CREATED',
      'ASSIGNED',
      'UPDATED',
      'RESOLVED',
      'CLOSED',
    ]);
    expect((await http(bystander).get(`/incidents/${id}`)).status).toBe(403);
    expect((await http(supB).get(`/incidents/${id}`)).status).toBe(404);
    expect((await http(supA).get('/incidents/xyz')).status).toBe(400);

    expect((await http(reporter).get('/incidents')).status).toBe(403);
    const list = await http(supA).get(
      `/incidents?siteId=${siteA}&status=CLOSED&priority=MEDIUM&assigneeId=${worker.id}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toEqual([id]);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    const mine = await http(supA).get('/incidents?pageSize=200');
    expect(mine.body.items.every((i: any) => i.siteId === siteA)).toBe(true);
    const all = await http(admin).get(`/incidents?siteId=${siteB}`);
    expect(all.body.total).toBeGreaterThan(0);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await http(admin).get(`/incidents?from=${future}`)).body.total).toBe(0);
    expect((await http(admin).get('/incidents?priority=NOW')).status).toBe(400);
    [sA, rep, work].forEach((s) => s.close());
  });

  it('documents the incident routes in OpenAPI', async () => {
    const doc = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/incidents'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/incidents/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch']),
    );
    for (const action of ['assign', 'resolve', 'close'])
      expect(doc.paths[`/api/v1/incidents/{id}/${action}`].post).toBeDefined();
  });

  it('lists unresolved incidents in the join_site snapshot', async () => {
    const [rep, sA] = await Promise.all([reporter, supA].map(open));
    const { data } = await command(rep, 'create_incident', newIncident(siteA, { title: 'Snapshot me' }));
    const join = await command(sA, 'join_site', { siteId: siteA });
    const open_ = join.data.snapshot.openIncidents as any[];
    expect(open_.map((i) => i.id)).toContain(data.incident.id);
    expect(open_.every((i) => ['OPEN', 'ASSIGNED', 'IN_PROGRESS'].includes(i.status))).toBe(true);
    [rep, sA].forEach((s) => s.close());
  });
});
