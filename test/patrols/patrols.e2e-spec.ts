import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  command,
  connect,
  flush,
  rawCommand,
  receivedOf,
  type TestSocket,
  waitFor,
} from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { api, cpLocation, createCheckpoints, createRoute, startShift } from './patrol-fixtures.js';

describe('patrols: checkpoints, routes, runs and scans', () => {
  let t: TestApp;
  let siteId: string;
  let otherSiteId: string;
  let sup: TestUser;
  let otherSup: TestUser;
  let guard: TestUser;
  let cps: { id: string; code: string }[];
  let routeId: string;
  let runId: string;
  let supS: TestSocket;
  let adminS: TestSocket;
  let otherSupS: TestSocket;
  let guardS: TestSocket;
  let guard2S: TestSocket;
  const sockets: TestSocket[] = [];
  const open = async (u: TestUser) => {
    const s = await connect(t.baseUrl, { token: u.token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await createSite(t, 'Harbour');
    otherSiteId = await createSite(t, 'Airport');
    sup = await createUser(t, 'supervisor', [siteId]);
    otherSup = await createUser(t, 'supervisor', [otherSiteId]);
    guard = await createUser(t, 'guard', [siteId]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('REST: staff create and list checkpoints; codes are unique per site', async () => {
    const res = await api(t, sup).post(`/sites/${siteId}/checkpoints`, {
      name: 'Gate <b>A</b>',
      code: 'GATE-A',
      location: { lat: 52.52, lng: 13.405 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      siteId,
      name: 'Gate A',
      code: 'GATE-A',
      radiusM: 30,
    });
    cps = await createCheckpoints(t, sup, siteId, 3);
    const dup = await api(t, sup).post(`/sites/${siteId}/checkpoints`, {
      name: 'x',
      code: 'GATE-A',
      location: { lat: 1, lng: 1 },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('CONFLICT');
    const sameCodeElsewhere = await api(t, otherSup).post(`/sites/${otherSiteId}/checkpoints`, {
      name: 'x',
      code: 'GATE-A',
      location: { lat: 1, lng: 1 },
      radiusM: 50,
    });
    expect(sameCodeElsewhere.status).toBe(201);
    const bad = await api(t, sup).post(`/sites/${siteId}/checkpoints`, {
      name: 'x',
      code: 'C',
      location: { lat: 91, lng: 1 },
      radiusM: 0,
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'extra',
      'location.lat',
      'radiusM',
    ]);
    // a checkpoint without a location is refused by validation, not a server error
    const noLocation = await api(t, sup).post(`/sites/${siteId}/checkpoints`, { name: 'x', code: 'NOLOC' });
    expect(noLocation.status).toBe(400);
    expect(noLocation.body.details.map((d: { field: string }) => d.field)).toEqual(['location']);
    expect(
      (
        await api(t, guard).post(`/sites/${siteId}/checkpoints`, {
          name: 'x',
          code: 'Y',
          location: { lat: 1, lng: 1 },
        })
      ).status,
    ).toBe(403);
    expect((await api(t, otherSup).get(`/sites/${siteId}/checkpoints`)).body.code).toBe('NOT_FOUND');
    const list = await api(t, sup).get(`/sites/${siteId}/checkpoints?pageSize=2`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(list.body.items).toHaveLength(2);
  });

  it('REST: staff create routes of their site checkpoints; lists and details', async () => {
    const foreign = (await api(t, otherSup).get(`/sites/${otherSiteId}/checkpoints`)).body.items[0].id;
    const mixed = await api(t, sup).post('/patrol-routes', {
      siteId,
      name: 'Mixed',
      checkpointIds: [cps[0].id, foreign],
      expectedDurationMinutes: 30,
      maxGapMinutes: 10,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.details).toEqual([{ field: 'checkpointIds', constraints: expect.any(Object) }]);
    const invalid = await api(t, sup).post('/patrol-routes', {
      siteId,
      name: 'x',
      checkpointIds: [],
      expectedDurationMinutes: 1.5,
    });
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'checkpointIds',
      'expectedDurationMinutes',
      'maxGapMinutes',
    ]);
    expect(
      (
        await api(t, otherSup).post('/patrol-routes', {
          siteId,
          name: 'x',
          checkpointIds: [cps[0].id],
          expectedDurationMinutes: 5,
          maxGapMinutes: 5,
        })
      ).status,
    ).toBe(404);
    // long deadlines: this suite never waits for a timeout (patrol-timeouts.e2e-spec does)
    const route = await createRoute(t, sup, {
      siteId,
      checkpointIds: cps.map((c) => c.id),
      expectedDurationMinutes: 600,
      maxGapMinutes: 600,
    });
    routeId = route.id;
    const one = await api(t, sup).get(`/patrol-routes/${routeId}`);
    expect(one.status).toBe(200);
    expect(one.body.checkpoints.map((c: { code: string }) => c.code)).toEqual(['CP-1', 'CP-2', 'CP-3']);
    expect((await api(t, otherSup).get(`/patrol-routes/${routeId}`)).status).toBe(404);
    const list = await api(t, sup).get(`/patrol-routes?siteId=${siteId}`);
    expect(list.body).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 50,
      items: [{ id: routeId, maxGapMinutes: 600 }],
    });
    expect((await api(t, otherSup).get('/patrol-routes')).body.total).toBe(0);
    const docs = await request(t.baseUrl).get('/api/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sites/{id}/checkpoints',
        '/api/v1/patrol-routes',
        '/api/v1/patrol-routes/{id}',
        '/api/v1/patrol-runs',
      ]),
    );
  });

  it('start_patrol: errors, then one active run per guard; patrol_started to site staff and the guard only', async () => {
    const admin = await createUser(t, 'admin');
    const guard2 = await createUser(t, 'guard', [siteId]);
    const otherGuard = await createUser(t, 'guard', [otherSiteId]);
    [supS, adminS, otherSupS, guardS, guard2S] = await Promise.all(
      [sup, admin, otherSup, guard, guard2].map(open),
    );
    const otherGuardS = await open(otherGuard);

    expect((await command(supS, 'start_patrol', { routeId })).error.code).toBe('FORBIDDEN');
    const invalid = await rawCommand(guardS, 'start_patrol', { routeId: 'nope', extra: true });
    expect(invalid.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'routeId']);
    expect((await command(guardS, 'start_patrol', { routeId: randomUUID() })).error.code).toBe('NOT_FOUND');
    await startShift(t, otherGuard.id, otherSiteId);
    expect((await command(otherGuardS, 'start_patrol', { routeId })).error).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'NOT_ASSIGNED' },
    });
    expect((await command(guardS, 'start_patrol', { routeId })).error).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'NOT_ON_SHIFT' },
    });

    await startShift(t, guard.id, siteId);
    const ack = await command(guardS, 'start_patrol', { routeId });
    expect(ack.ok).toBe(true);
    const run = ack.data.patrolRun;
    runId = run.id;
    expect(run).toMatchObject({
      routeId,
      siteId,
      guardId: guard.id,
      status: 'IN_PROGRESS',
      progress: { scanned: 0, total: 3 },
      nextCheckpoint: { code: 'CP-1' },
      skippedCheckpoints: null,
    });
    expect((await command(guardS, 'start_patrol', { routeId })).error).toMatchObject({
      code: 'CONFLICT',
      details: { patrolRunId: runId },
    });

    for (const s of [supS, adminS, guardS]) {
      const env = await waitFor(s, 'patrol_started', (e) => e.data.patrolRun.id === runId);
      expect(env).toMatchObject({
        type: 'patrol_started',
        siteId,
        seq: expect.any(Number),
        data: { patrolRun: run },
      });
    }
    expect((await waitFor(guardS, 'patrol_started')).stream).toBe(`user:${guard.id}`);
    for (const s of [otherSupS, guard2S, otherGuardS]) {
      await flush(s);
      expect(receivedOf(s, 'patrol_started')).toEqual([]);
    }
  });

  it('scan_checkpoint: every result, progress, stored with device and server time', async () => {
    const scan = (payload: object, s = guardS) =>
      rawCommand(s, 'scan_checkpoint', { patrolRunId: runId, ...payload });
    expect((await scan({ checkpointCode: 'CP-1' }, guard2S)).error).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'NOT_YOUR_RUN' },
    });
    expect((await scan({ checkpointCode: 'CP-1' }, supS)).error.code).toBe('FORBIDDEN');
    expect(
      (await command(guardS, 'scan_checkpoint', { patrolRunId: randomUUID(), checkpointCode: 'CP-1' })).error
        .code,
    ).toBe('NOT_FOUND');
    const invalid = await scan({
      checkpointCode: '',
      location: { lat: 95, lng: 13 },
      recordedAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    expect(invalid.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'checkpointCode',
      'location.lat',
      'recordedAt',
    ]);

    const recordedAt = new Date(Date.now() - 30_000).toISOString();
    const acks = [
      await scan({ checkpointCode: 'CP-1', location: cpLocation(1), recordedAt }),
      await scan({ checkpointCode: 'CP-1', location: cpLocation(1) }),
      await scan({ checkpointCode: 'CP-3', location: cpLocation(3, 0.0005) }),
      await scan({ checkpointCode: 'CP-3', location: cpLocation(3) }),
      await scan({ checkpointCode: 'NOT-ON-ROUTE' }),
      await scan({ checkpointCode: 'GATE-A', location: cpLocation(0) }),
    ];
    expect(acks.map((a) => a.data)).toEqual([
      { result: 'VALID', progress: { scanned: 1, total: 3 } },
      { result: 'DUPLICATE', progress: { scanned: 1, total: 3 } },
      { result: 'OUT_OF_RANGE', progress: { scanned: 1, total: 3 } },
      { result: 'OUT_OF_ORDER', progress: { scanned: 2, total: 3 } },
      { result: 'UNKNOWN_CHECKPOINT', progress: { scanned: 2, total: 3 } },
      { result: 'UNKNOWN_CHECKPOINT', progress: { scanned: 2, total: 3 } }, // on the site, not on the route
    ]);

    const results = [
      'VALID',
      'DUPLICATE',
      'OUT_OF_RANGE',
      'OUT_OF_ORDER',
      'UNKNOWN_CHECKPOINT',
      'UNKNOWN_CHECKPOINT',
    ];
    for (const s of [supS, adminS, guardS]) {
      await waitFor(s, 'checkpoint_scanned', (e) => e.data.checkpointCode === 'GATE-A');
      expect(receivedOf(s, 'checkpoint_scanned').map((e) => e.data.result)).toEqual(results);
    }
    const first = receivedOf(supS, 'checkpoint_scanned')[0];
    expect(first).toMatchObject({
      occurredAt: recordedAt,
      data: { patrolRunId: runId, checkpoint: { id: cps[0].id, code: 'CP-1' }, result: 'VALID', recordedAt },
    });
    expect(receivedOf(supS, 'checkpoint_scanned')[4].data.checkpoint).toBeNull();
    for (const s of [otherSupS, guard2S]) {
      await flush(s);
      expect(receivedOf(s, 'checkpoint_scanned')).toEqual([]);
    }
    const rows = await t.db.query(
      'SELECT result, recorded_at, received_at FROM patrol_scans WHERE run_id = $1 ORDER BY received_at',
      [runId],
    );
    expect(rows.map((r: { result: string }) => r.result)).toEqual(results);
    expect(new Date(rows[0].recorded_at).toISOString()).toBe(recordedAt);
    expect(rows[0].received_at.getTime()).toBeGreaterThan(rows[0].recorded_at.getTime() + 20_000);
  });

  it('join_site snapshot lists patrols in progress', async () => {
    const ack = await command(supS, 'join_site', { siteId });
    expect(ack.data.snapshot.patrolsInProgress).toEqual([
      expect.objectContaining({
        id: runId,
        progress: { scanned: 2, total: 3 },
        nextCheckpoint: expect.objectContaining({ code: 'CP-2' }),
      }),
    ]);
  });

  it('complete_patrol reports skipped checkpoints; CONFLICT once completed', async () => {
    expect((await command(guard2S, 'complete_patrol', { patrolRunId: runId })).error.code).toBe('FORBIDDEN');
    expect((await command(guardS, 'complete_patrol', { patrolRunId: 'x' })).error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await command(guardS, 'complete_patrol', { patrolRunId: randomUUID() })).error.code).toBe(
      'NOT_FOUND',
    );
    expect((await command(supS, 'complete_patrol', { patrolRunId: runId })).error.code).toBe('FORBIDDEN');
    const ack = await command(guardS, 'complete_patrol', { patrolRunId: runId });
    expect(ack.data.patrolRun).toMatchObject({
      id: runId,
      status: 'COMPLETED',
      completedAt: expect.any(String),
      endedBy: 'GUARD',
      progress: { scanned: 2, total: 3 },
      skippedCheckpoints: [{ id: cps[1].id, code: 'CP-2', name: 'Checkpoint 2' }],
    });
    for (const s of [supS, adminS, guardS])
      expect((await waitFor(s, 'patrol_completed')).data.patrolRun).toEqual(ack.data.patrolRun);
    await flush(otherSupS);
    expect(receivedOf(otherSupS, 'patrol_completed')).toEqual([]);
    expect((await command(guardS, 'complete_patrol', { patrolRunId: runId })).error.code).toBe('CONFLICT');
    expect(
      (await command(guardS, 'scan_checkpoint', { patrolRunId: runId, checkpointCode: 'CP-2' })).error.code,
    ).toBe('CONFLICT');
    expect(await t.db.query('SELECT kind FROM timers WHERE ref = $1', [runId])).toEqual([]);

    const runs = await api(t, sup).get(`/patrol-runs?siteId=${siteId}&status=COMPLETED`);
    expect(runs.body).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 50,
      items: [{ id: runId, status: 'COMPLETED' }],
    });
    expect((await api(t, sup).get(`/patrol-runs?status=IN_PROGRESS`)).body.total).toBe(0);
    expect((await api(t, sup).get(`/patrol-runs?status=DONE`)).body.code).toBe('VALIDATION_FAILED');
    expect((await api(t, otherSup).get(`/patrol-runs`)).body.total).toBe(0);
    expect((await api(t, otherSup).get(`/patrol-runs?siteId=${siteId}`)).status).toBe(404);
  });

  it('retries with the same clientEventId return the first result and have no second effect', async () => {
    const startId = randomUUID();
    const first = await command(guardS, 'start_patrol', { routeId, clientEventId: startId });
    const retry = await command(guardS, 'start_patrol', { routeId, clientEventId: startId });
    expect(first.ok).toBe(true);
    expect(retry).toEqual(first);
    const id = first.data.patrolRun.id;
    const scanId = randomUUID();
    const scan = { patrolRunId: id, checkpointCode: 'CP-1', clientEventId: scanId };
    const a = await command(guardS, 'scan_checkpoint', scan);
    expect(await command(guardS, 'scan_checkpoint', scan)).toEqual(a);
    expect(a.data).toEqual({ result: 'VALID', progress: { scanned: 1, total: 3 } });
    const reused = await command(guardS, 'complete_patrol', { patrolRunId: id, clientEventId: scanId });
    expect(reused.error).toMatchObject({ code: 'CONFLICT', details: { field: 'clientEventId' } });
    const doneId = randomUUID();
    const done = await command(guardS, 'complete_patrol', { patrolRunId: id, clientEventId: doneId });
    expect(await command(guardS, 'complete_patrol', { patrolRunId: id, clientEventId: doneId })).toEqual(
      done,
    );
    await flush(supS);
    expect(receivedOf(supS, 'patrol_started').filter((e) => e.data.patrolRun.id === id)).toHaveLength(1);
    expect(receivedOf(supS, 'checkpoint_scanned').filter((e) => e.data.patrolRunId === id)).toHaveLength(1);
    expect(receivedOf(supS, 'patrol_completed').filter((e) => e.data.patrolRun.id === id)).toHaveLength(1);
    expect(await t.db.query('SELECT id FROM patrol_scans WHERE run_id = $1', [id])).toHaveLength(1);
  });

  it('sync replays every durable patrol event to a client that was offline', async () => {
    const offlineSup = await createUser(t, 'supervisor', [siteId]);
    const s = await open(offlineSup);
    const staff = `site:${siteId}:staff`;
    const ack = await command(s, 'sync', { cursors: { [staff]: 0 } });
    const events = ack.data.streams[staff].events as { type: string; seq: number; data: any }[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const live = [...supS.received].filter((r) => r.data?.stream === staff).map((r) => r.data.id);
    expect(events.map((e) => (e as unknown as { id: string }).id)).toEqual(live);
    expect(events.filter((e) => e.type === 'checkpoint_scanned')).toHaveLength(7);
    expect(events.filter((e) => e.type === 'patrol_completed')).toHaveLength(2);

    guardS.close();
    const back = await open(guard);
    const mine = `user:${guard.id}`;
    const guardSync = await command(back, 'sync', { cursors: { [mine]: 0, [staff]: 0 } });
    expect(Object.keys(guardSync.data.streams)).not.toContain(staff);
    expect(guardSync.data.streams[mine].events.map((e: { type: string }) => e.type)).toEqual(
      [
        ...receivedOf(guardS, 'patrol_started'),
        ...receivedOf(guardS, 'checkpoint_scanned'),
        ...receivedOf(guardS, 'patrol_completed'),
      ]
        .sort((x, y) => x.seq - y.seq)
        .map((e) => e.type),
    );
  });
});
