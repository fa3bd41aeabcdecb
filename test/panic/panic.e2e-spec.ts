import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { command, flush, rawCommand, waitFor } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { closeAll, HERE, ofPanic, online, panicEvents } from './panic-fixtures.js';

describe('panic commands', () => {
  let t: TestApp;
  let siteA: string;
  let siteB: string;
  let supA: TestUser;
  let mgrA: TestUser;
  let supB: TestUser;
  let admin: TestUser;
  const api = (user: TestUser) => ({
    get: (path: string) =>
      request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${user.token}`),
    post: (path: string, body?: object) =>
      request(t.baseUrl)
        .post(`/api/v1${path}`)
        .set('Authorization', `Bearer ${user.token}`)
        .send(body ?? {}),
  });

  beforeAll(async () => {
    t = await startTestApp({ PANIC_RECEIPT_TIMEOUT_S: '1' });
    siteA = await createSite(t, 'Site A');
    siteB = await createSite(t, 'Site B');
    supA = await createUser(t, 'supervisor', [siteA]);
    mgrA = await createUser(t, 'manager', [siteA]);
    supB = await createUser(t, 'supervisor', [siteB]);
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  it('raises a panic: staff of the site get panic_alert, confirm receipt, the guard hears who confirmed', async () => {
    const guard = await createUser(t, 'guard', [siteA], { name: 'Gina Guard' });
    const [g, otherGuard, sA, sB, ad] = await Promise.all([
      online(t, guard),
      online(t, await createUser(t, 'guard', [siteA])),
      online(t, supA, true),
      online(t, supB, true),
      online(t, admin),
    ]);
    const ack = await command(g, 'panic_alert', {
      location: HERE,
      type: 'MEDICAL',
      batteryLevel: 42,
      message: '<b>Help</b>\u0007 now',
    });
    expect(ack).toEqual({ ok: true, data: { panicId: expect.any(String), duplicate: false } });
    const { panicId } = ack.data;
    // The receipt window (1 s, the admin socket never confirms) runs after the ack, not before it.
    expect(panicEvents(g, 'panic_delivery', panicId)).toHaveLength(0);
    const env = await waitFor(sA, 'panic_alert', ofPanic(panicId));
    expect(env).toMatchObject({
      type: 'panic_alert',
      stream: `site:${siteA}:staff`,
      seq: expect.any(Number),
      siteId: siteA,
      actor: { userId: guard.id, role: 'guard', name: 'Gina Guard' },
      data: {
        panic: {
          id: panicId,
          siteId: siteA,
          type: 'MEDICAL',
          status: 'RAISED',
          guard: { id: guard.id, name: 'Gina Guard' },
          location: HERE,
          batteryLevel: 42,
          message: 'Help now',
          raisedAt: expect.any(String),
          receivedAt: expect.any(String),
          acknowledgedBy: null,
          escalationLevel: 1,
        },
      },
    });
    await waitFor(ad, 'panic_alert', ofPanic(panicId));
    const delivery = await waitFor(g, 'panic_delivery', ofPanic(panicId));
    expect(delivery).toMatchObject({ stream: `user:${guard.id}`, data: { panicId, confirmedBy: 1 } });
    await Promise.all([flush(otherGuard), flush(sB), flush(g)]);
    expect(panicEvents(otherGuard, 'panic_alert', panicId)).toHaveLength(0);
    expect(panicEvents(sB, 'panic_alert', panicId)).toHaveLength(0);
    expect(panicEvents(g, 'panic_alert', panicId)).toHaveLength(0);
    const res = await api(supA).get(`/panics/${panicId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: panicId, confirmedBy: [supA.id], escalationLevel: 1 });
    closeAll(g, otherGuard, sA, sB, ad);
  });

  it('escalates to level 2 at once when no staff device is connected to confirm receipt', async () => {
    const siteC = await createSite(t, 'Site C');
    const mgrC = await createUser(t, 'manager', [siteC]);
    const supC = await createUser(t, 'supervisor', [siteC]);
    const guard = await createUser(t, 'guard', [siteC]);
    const g = await online(t, guard);
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const delivery = await waitFor(g, 'panic_delivery', ofPanic(data.panicId));
    expect(delivery.data).toEqual({ panicId: data.panicId, confirmedBy: 0 });
    const [m, s, ad, mA] = await Promise.all([
      online(t, mgrC),
      online(t, supC),
      online(t, admin),
      online(t, mgrA),
    ]);
    const pick = async (sock: typeof m, user: TestUser) => {
      const ack = await command(sock, 'sync', { cursors: { [`user:${user.id}`]: 0 } });
      return (ack.data.streams[`user:${user.id}`].events as any[]).filter(
        (e) => e.type === 'panic_escalated' && e.data.panic.id === data.panicId,
      );
    };
    const [toManager] = await pick(m, mgrC);
    expect(toManager.data).toMatchObject({
      level: 2,
      reason: 'NO_RECEIPT',
      panic: { id: data.panicId, escalationLevel: 2, status: 'RAISED' },
    });
    expect(await pick(ad, admin)).toHaveLength(1);
    expect(await pick(s, supC)).toHaveLength(0);
    expect(await pick(mA, mgrA)).toHaveLength(0);
    const res = await api(mgrC).get(`/panics/${data.panicId}`);
    expect(res.body).toMatchObject({ escalationLevel: 2, confirmedBy: [] });
    closeAll(g, m, s, ad, mA);
  });

  it('answers a second alert while one is active with the active panic, race-free, and moves it', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const [g, sA] = await Promise.all([online(t, guard), online(t, supA, true)]);
    const acks = await Promise.all([1, 2, 3].map(() => command(g, 'panic_alert', { location: HERE })));
    const ids = new Set(acks.map((a) => a.data.panicId));
    expect(ids.size).toBe(1);
    expect(acks.filter((a) => a.data.duplicate === false)).toHaveLength(1);
    const [panicId] = [...ids];
    const moved = { lat: 52.53, lng: 13.41 };
    expect(await command(g, 'panic_alert', { location: moved })).toEqual({
      ok: true,
      data: { panicId, duplicate: true },
    });
    await waitFor(sA, 'panic_alert', ofPanic(panicId));
    await flush(sA);
    expect(panicEvents(sA, 'panic_alert', panicId)).toHaveLength(1);
    const rows = await t.db.query('SELECT location FROM panics WHERE guard_id = $1', [guard.id]);
    expect(rows).toEqual([{ location: moved }]);
    closeAll(g, sA);
  });

  it('returns the first result for a retried clientEventId, with one row and one event', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const [g, sA] = await Promise.all([online(t, guard), online(t, supA, true)]);
    const clientEventId = randomUUID();
    const first = await command(g, 'panic_alert', { location: HERE, clientEventId });
    const retry = await command(g, 'panic_alert', { location: HERE, clientEventId });
    expect(retry).toEqual(first);
    expect(first.data.duplicate).toBe(false);
    await waitFor(sA, 'panic_alert', ofPanic(first.data.panicId));
    await flush(sA);
    expect(panicEvents(sA, 'panic_alert', first.data.panicId)).toHaveLength(1);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM panics WHERE guard_id = $1', [guard.id]);
    expect(n).toBe(1);
    const ackId = randomUUID();
    const ack1 = await command(sA, 'panic_acknowledge', {
      panicId: first.data.panicId,
      clientEventId: ackId,
    });
    const ack2 = await command(sA, 'panic_acknowledge', {
      panicId: first.data.panicId,
      clientEventId: ackId,
    });
    expect(ack2).toEqual(ack1);
    await waitFor(sA, 'panic_acknowledged', ofPanic(first.data.panicId));
    await flush(sA);
    expect(panicEvents(sA, 'panic_acknowledged', first.data.panicId)).toHaveLength(1);
    closeAll(g, sA);
  });

  it('validates panic_alert payloads with field details', async () => {
    const g = await online(t, await createUser(t, 'guard', [siteA]));
    const cases: [object, string][] = [
      [{}, 'location'],
      [{ location: { ...HERE, lat: 91 } }, 'location.lat'],
      [{ location: { lat: 1, lng: 181 } }, 'location.lng'],
      [{ location: 'here' }, 'location'],
      [{ location: HERE, type: 'PARTY' }, 'type'],
      [{ location: HERE, batteryLevel: 101 }, 'batteryLevel'],
      [{ location: HERE, patrolRunId: 'nope' }, 'patrolRunId'],
      [{ location: HERE, recordedAt: new Date(Date.now() + 600_000).toISOString() }, 'recordedAt'],
      [{ location: HERE, recordedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }, 'recordedAt'],
      [{ location: HERE, clientEventId: 'x' }, 'clientEventId'],
      [{ location: HERE, extra: true }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const ack = await rawCommand(g, 'panic_alert', payload);
      expect(ack.ok).toBe(false);
      expect(ack.error.code).toBe('VALIDATION_FAILED');
      expect(ack.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM panics WHERE guard_id = $1', [
      g.session.userId,
    ]);
    expect(n).toBe(0);
    g.close();
  });

  it('caps the message, keeps device time beside receive time', async () => {
    const g = await online(t, await createUser(t, 'guard', [siteA]));
    const recordedAt = new Date(Date.now() - 60_000).toISOString();
    const ack = await command(g, 'panic_alert', { location: HERE, message: 'x'.repeat(900), recordedAt });
    const res = await api(supA).get(`/panics/${ack.data.panicId}`);
    expect(res.body.message).toHaveLength(500);
    expect(res.body.raisedAt).toBe(recordedAt);
    expect(Date.parse(res.body.receivedAt)).toBeGreaterThan(Date.parse(recordedAt));
    g.close();
  });

  it('takes the site from the active shift, else the payload, else the only site; refuses others', async () => {
    const two = await createUser(t, 'guard', [siteA, siteB]);
    const g2 = await online(t, two);
    const noSite = await command(g2, 'panic_alert', { location: HERE });
    expect(noSite.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'siteId' }] });
    const inB = await command(g2, 'panic_alert', { location: HERE, siteId: siteB });
    expect((await api(admin).get(`/panics/${inB.data.panicId}`)).body.siteId).toBe(siteB);

    const onShift = await createUser(t, 'guard', [siteA, siteB]);
    await t.db.query('INSERT INTO shifts (guard_id, site_id, started_at) VALUES ($1, $2, now())', [
      onShift.id,
      siteA,
    ]);
    const gs = await online(t, onShift);
    const shiftAck = await command(gs, 'panic_alert', { location: HERE, siteId: siteB });
    expect((await api(admin).get(`/panics/${shiftAck.data.panicId}`)).body.siteId).toBe(siteA);

    const gA = await online(t, await createUser(t, 'guard', [siteA]));
    const foreign = await command(gA, 'panic_alert', { location: HERE, siteId: siteB });
    expect(foreign.error.code).toBe('FORBIDDEN');
    const lonely = await online(t, await createUser(t, 'guard', []));
    expect((await command(lonely, 'panic_alert', { location: HERE })).error.code).toBe('FORBIDDEN');
    const sA = await online(t, supA);
    const notGuard = await command(sA, 'panic_alert', { location: HERE });
    expect(notGuard.error.code).toBe('FORBIDDEN');
    closeAll(g2, gs, gA, lonely, sA);
  });

  it('acknowledges (first wins) and resolves, telling site staff and the raiser only', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const [g, otherGuard, sA, mA, sB] = await Promise.all([
      online(t, guard),
      online(t, await createUser(t, 'guard', [siteA])),
      online(t, supA, true),
      online(t, mgrA),
      online(t, supB),
    ]);
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const panicId: string = data.panicId;
    await waitFor(sA, 'panic_alert', ofPanic(panicId));

    expect((await command(g, 'panic_acknowledge', { panicId })).error.code).toBe('FORBIDDEN');
    expect((await command(sB, 'panic_acknowledge', { panicId })).error.code).toBe('NOT_FOUND');
    expect((await command(sA, 'panic_acknowledge', { panicId: randomUUID() })).error.code).toBe('NOT_FOUND');
    const bad = await command(sA, 'panic_acknowledge', { panicId: 'x' });
    expect(bad.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'panicId' }] });

    const ack = await command(sA, 'panic_acknowledge', { panicId });
    expect(ack.data.panic).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedBy: { id: supA.id, name: supA.name },
      acknowledgedAt: expect.any(String),
    });
    const late = await command(mA, 'panic_acknowledge', { panicId });
    expect(late.data.panic).toEqual(ack.data.panic);
    for (const s of [sA, mA, g]) {
      const env = await waitFor(s, 'panic_acknowledged', ofPanic(panicId));
      expect(env.data.acknowledgedBy).toEqual({ id: supA.id, name: supA.name });
    }
    const [timers] = await t.db.query('SELECT count(*)::int AS n FROM timers WHERE ref = $1', [panicId]);
    expect(timers.n).toBe(0);

    expect((await command(g, 'panic_resolve', { panicId })).error.code).toBe('FORBIDDEN');
    expect((await command(sB, 'panic_resolve', { panicId })).error.code).toBe('NOT_FOUND');
    const resolved = await command(mA, 'panic_resolve', { panicId, notes: '<i>False</i> alarm' });
    expect(resolved.data.panic).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: { id: mgrA.id, name: mgrA.name },
      notes: 'False alarm',
    });
    for (const s of [sA, mA, g]) {
      const env = await waitFor(s, 'panic_resolved', ofPanic(panicId));
      expect(env.data).toMatchObject({ resolvedBy: { id: mgrA.id }, notes: 'False alarm' });
    }
    expect((await command(sA, 'panic_resolve', { panicId })).error.code).toBe('CONFLICT');
    expect((await command(sA, 'panic_acknowledge', { panicId })).error.code).toBe('CONFLICT');

    await Promise.all([flush(otherGuard), flush(sB), flush(sA), flush(mA)]);
    for (const event of ['panic_acknowledged', 'panic_resolved']) {
      expect(panicEvents(otherGuard, event, panicId)).toHaveLength(0);
      expect(panicEvents(sB, event, panicId)).toHaveLength(0);
      expect(panicEvents(sA, event, panicId)).toHaveLength(1);
    }
    const again = await command(g, 'panic_alert', { location: HERE });
    expect(again.data).toEqual({ panicId: expect.any(String), duplicate: false });
    expect(again.data.panicId).not.toBe(panicId);
    closeAll(g, otherGuard, sA, mA, sB);
  });

  it('serves panics over REST with the same commands and events', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const guardB = await createUser(t, 'guard', [siteB]);
    const [g, gB, sA] = await Promise.all([online(t, guard), online(t, guardB), online(t, supA, true)]);
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const { data: dataB } = await command(gB, 'panic_alert', { location: HERE });
    const panicId: string = data.panicId;

    expect((await api(guard).get('/panics')).status).toBe(403);
    const mine = await api(supA).get(`/panics?siteId=${siteA}&status=RAISED&pageSize=100`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number) });
    expect(mine.body.items.map((p: any) => p.id)).toContain(panicId);
    const all = await api(supA).get('/panics?pageSize=200');
    expect(all.body.items.every((p: any) => p.siteId === siteA)).toBe(true);
    const everything = await api(admin).get(`/panics?siteId=${siteB}`);
    expect(everything.body.items.map((p: any) => p.id)).toContain(dataB.panicId);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await api(admin).get(`/panics?from=${future}`)).body.total).toBe(0);
    expect((await api(admin).get('/panics?status=NOPE')).body.code).toBe('VALIDATION_FAILED');

    expect((await api(supB).get(`/panics/${panicId}`)).status).toBe(404);
    expect((await api(supA).get('/panics/not-a-uuid')).status).toBe(400);
    expect((await api(guard).post(`/panics/${panicId}/acknowledge`)).status).toBe(403);

    const ack = await api(supA).post(`/panics/${panicId}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.panic).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: { id: supA.id } });
    await waitFor(sA, 'panic_acknowledged', ofPanic(panicId));
    await waitFor(g, 'panic_acknowledged', ofPanic(panicId));
    const res = await api(admin).post(`/panics/${panicId}/resolve`, { notes: 'Handled' });
    expect(res.status).toBe(200);
    expect(res.body.panic).toMatchObject({
      status: 'RESOLVED',
      notes: 'Handled',
      resolvedBy: { id: admin.id },
    });
    await waitFor(g, 'panic_resolved', ofPanic(panicId));
    expect((await api(admin).post(`/panics/${panicId}/resolve`)).status).toBe(409);
    expect((await api(admin).post(`/panics/${panicId}/resolve`, { notes: 1 })).status).toBe(400);
    closeAll(g, gB, sA);
  });

  it('documents the panic routes in OpenAPI', async () => {
    const doc = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/panics',
      '/api/v1/panics/{id}',
      '/api/v1/panics/{id}/acknowledge',
      '/api/v1/panics/{id}/resolve',
    ])
      expect(doc.paths[path]).toBeDefined();
    expect(doc.paths['/api/v1/panics'].get.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['siteId', 'status', 'from', 'to', 'page', 'pageSize']),
    );
  });

  it('lists active panics in the join_site snapshot', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const g = await online(t, guard);
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const sA = await online(t, supA);
    const join = await command(sA, 'join_site', { siteId: siteA });
    expect(join.ok).toBe(true);
    const active = join.data.snapshot.activePanics as any[];
    expect(active.map((p) => p.id)).toContain(data.panicId);
    expect(active.every((p) => p.status !== 'RESOLVED' && p.siteId === siteA)).toBe(true);
    closeAll(g, sA);
  });
});
