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

const INSIDE = { lat: 52.52, lng: 13.405, accuracy: 5 };
const OUTSIDE = { lat: 52.53, lng: 13.405, accuracy: 5 }; // ~1.1 km north of a 500 m fence

describe('attendance: shift_start / shift_end, scheduled shifts, no-shows, report', () => {
  let t: TestApp;
  let siteA: string;
  let siteB: string;
  const sockets: TestSocket[] = [];
  const open = async (u: TestUser) => {
    const s = await connect(t.baseUrl, { token: u.token });
    sockets.push(s);
    return s;
  };
  const api = (u: TestUser) => ({
    get: (path: string) => request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`),
    post: (path: string, body: object) =>
      request(t.baseUrl).post(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp({ TIMER_POLL_MS: '100', SHIFT_NO_SHOW_GRACE_S: '1' });
    siteA = await createSite(t, 'Site A');
    siteB = await createSite(t, 'Site B');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('clocks in and out with geofence checks, events to site staff and the guard only', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const otherGuard = await createUser(t, 'guard', [siteA]);
    const supA = await open(await createUser(t, 'supervisor', [siteA]));
    const supB = await open(await createUser(t, 'supervisor', [siteB]));
    const g = await open(guard);
    const g2 = await open(otherGuard);

    const start = await command(g, 'shift_start', { siteId: siteA, location: INSIDE });
    expect(start.ok).toBe(true);
    const shift = start.data.shift;
    expect(shift).toMatchObject({
      guardId: guard.id,
      siteId: siteA,
      startInsideGeofence: true,
      endedAt: null,
    });
    const started = await waitFor(supA, 'shift_started', (e) => e.data.shift.id === shift.id);
    expect(started).toMatchObject({ type: 'shift_started', stream: `site:${siteA}:staff`, siteId: siteA });
    expect(started.data.insideGeofence).toBe(true);
    await waitFor(g, 'shift_started', (e) => e.stream === `user:${guard.id}`);

    const again = await command(g, 'shift_start', { siteId: siteA });
    expect(again.error.code).toBe('CONFLICT');

    const end = await command(g, 'shift_end', { shiftId: shift.id, location: OUTSIDE });
    expect(end.data.shift).toMatchObject({ id: shift.id, endInsideGeofence: false });
    expect(end.data.shift.endedAt).toEqual(expect.any(String));
    const ended = await waitFor(supA, 'shift_ended', (e) => e.data.shift.id === shift.id);
    expect(ended.data.insideGeofence).toBe(false);

    expect((await command(g, 'shift_end', {})).error.code).toBe('CONFLICT');
    expect((await command(g, 'shift_end', { shiftId: shift.id })).error.code).toBe('CONFLICT');
    expect((await command(g, 'shift_end', { shiftId: randomUUID() })).error.code).toBe('NOT_FOUND');

    await Promise.all([flush(supB), flush(g2)]);
    expect(receivedOf(supB, 'shift_started')).toEqual([]);
    expect(receivedOf(g2, 'shift_started')).toEqual([]);
    expect(receivedOf(g2, 'shift_ended')).toEqual([]);
  });

  it('answers each error code and null insideGeofence without a location', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const g = await open(guard);
    const sup = await open(await createUser(t, 'supervisor', [siteA]));
    expect((await command(sup, 'shift_start', { siteId: siteA })).error.code).toBe('FORBIDDEN');
    expect((await command(sup, 'shift_end', {})).error.code).toBe('FORBIDDEN');
    expect((await command(g, 'shift_end', { shiftId: 'x' })).error.code).toBe('VALIDATION_FAILED');
    expect((await command(g, 'shift_start', { siteId: siteB })).error.code).toBe('NOT_FOUND');
    expect((await command(g, 'shift_start', { siteId: 'nope' })).error.code).toBe('VALIDATION_FAILED');
    expect((await rawCommand(g, 'shift_start', { siteId: siteA, extra: 1 })).error.code).toBe(
      'VALIDATION_FAILED',
    );
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const bad = await command(g, 'shift_start', { siteId: siteA, recordedAt: future });
    expect(bad.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'recordedAt' }] });
    const badLoc = await command(g, 'shift_start', { siteId: siteA, location: { lat: 91, lng: 0 } });
    expect(badLoc.error.code).toBe('VALIDATION_FAILED');

    const recordedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const clientEventId = randomUUID();
    const first = await command(g, 'shift_start', { siteId: siteA, recordedAt, clientEventId });
    expect(first.data.shift.startedAt).toBe(recordedAt);
    expect(first.data.shift.startInsideGeofence).toBeNull();
    const retry = await command(g, 'shift_start', { siteId: siteA, recordedAt, clientEventId });
    expect(retry.data.shift.id).toBe(first.data.shift.id);
    await flush(sup);
    expect(receivedOf(sup, 'shift_started').filter((e) => e.data.shift.guardId === guard.id)).toHaveLength(1);
    const early = new Date(Date.now() - 10 * 60_000).toISOString();
    expect((await command(g, 'shift_end', { recordedAt: early })).error.code).toBe('VALIDATION_FAILED');
    const end = await command(g, 'shift_end', {});
    expect(end.data.shift.endInsideGeofence).toBeNull();
  });

  it('plans shifts over REST with validation and access rules', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const outsider = await createUser(t, 'guard', [siteB]);
    const sup = await createUser(t, 'supervisor', [siteA]);
    const supB = await createUser(t, 'supervisor', [siteB]);
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 86_400_000 + 8 * 3600_000).toISOString();
    const body = { guardId: guard.id, siteId: siteA, startsAt, endsAt };

    const g = await open(guard);
    const created = await api(sup).post('/shifts', body);
    expect(created.status).toBe(201);
    const told = await waitFor(g, 'shift_scheduled', (e) => e.data.scheduledShift.id === created.body.id);
    expect(told.stream).toBe(`user:${guard.id}`);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      guardId: guard.id,
      siteId: siteA,
      startsAt,
      endsAt,
    });
    expect((await api(sup).post('/shifts', body)).status).toBe(409);
    expect((await api(sup).post('/shifts', { ...body, endsAt: startsAt })).body.code).toBe(
      'VALIDATION_FAILED',
    );
    const unassigned = await api(sup).post('/shifts', { ...body, guardId: outsider.id });
    expect(unassigned.status).toBe(400);
    expect(unassigned.body.details).toEqual([expect.objectContaining({ field: 'guardId' })]);
    expect((await api(supB).post('/shifts', body)).status).toBe(404);
    expect((await api(guard).post('/shifts', body)).status).toBe(403);

    const list = await api(sup).get(`/shifts?siteId=${siteA}&guardId=${guard.id}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id: created.body.id }] });
    expect((await api(supB).get('/shifts')).body.items.some((s: any) => s.id === created.body.id)).toBe(
      false,
    );
  });

  it('reports a no-show once, links a clock-in to its plan, and computes the attendance report', async () => {
    const late = await createUser(t, 'guard', [siteB]);
    const punctual = await createUser(t, 'guard', [siteB]);
    const supUser = await createUser(t, 'supervisor', [siteB]);
    const sup = await open(supUser);
    const now = Date.now();
    const plan = (guardId: string, startMs: number) =>
      api(supUser).post('/shifts', {
        guardId,
        siteId: siteB,
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(startMs + 4 * 3600_000).toISOString(),
      });
    const missed = (await plan(late.id, now - 5000)).body;
    const kept = (await plan(punctual.id, now + 60_000)).body;

    const g = await open(punctual);
    const start = await command(g, 'shift_start', { siteId: siteB });
    expect(start.data.shift.scheduledShiftId).toBe(kept.id);
    const timers = await t.db.query('SELECT ref FROM timers WHERE kind = $1 AND ref = $2', [
      'shift_no_show',
      kept.id,
    ]);
    expect(timers).toEqual([]);

    const event = await waitFor(sup, 'shift_missed', (e) => e.data.scheduledShift.id === missed.id);
    expect(event).toMatchObject({
      stream: `site:${siteB}:staff`,
      data: { scheduledShift: { guardId: late.id } },
    });
    await flush(sup);
    expect(receivedOf(sup, 'shift_missed').map((e) => e.data.scheduledShift.id)).toEqual([missed.id]);

    const from = new Date(now - 3600_000).toISOString();
    const to = new Date(now + 3600_000).toISOString();
    const report = await api(supUser).get(`/attendance?siteId=${siteB}&from=${from}&to=${to}`);
    expect(report.status).toBe(200);
    const byPlan = Object.fromEntries(report.body.items.map((i: any) => [i.scheduledShiftId, i]));
    expect(byPlan[missed.id]).toMatchObject({ noShow: true, status: 'NO_SHOW', actualStart: null });
    expect(byPlan[kept.id]).toMatchObject({
      noShow: false,
      status: 'ON_SHIFT',
      late: false,
      shiftIds: [start.data.shift.id],
    });
    expect((await api(supUser).get(`/attendance?siteId=${siteA}`)).status).toBe(404);
    expect((await api(supUser).get(`/attendance?siteId=${siteB}&from=${to}&to=${from}`)).status).toBe(400);
  });

  it('lists clock-ins without a plan as unscheduled, and sync replays shift events to an offline client', async () => {
    const guard = await createUser(t, 'guard', [siteA]);
    const supUser = await createUser(t, 'supervisor', [siteA]);
    const first = await connect(t.baseUrl, { token: supUser.token });
    const cursors = first.session.streams;
    first.close();
    const g = await open(guard);
    const shift = (await command(g, 'shift_start', { siteId: siteA, location: OUTSIDE })).data.shift;
    expect(shift.scheduledShiftId).toBeNull();
    await command(g, 'shift_end', { location: INSIDE });

    const back = await open(supUser);
    const ack = await command(back, 'sync', { cursors });
    const staff = ack.data.streams[`site:${siteA}:staff`];
    const mine = staff.events.filter((e: any) => e.data.shift?.id === shift.id);
    expect(mine.map((e: any) => e.type)).toEqual(['shift_started', 'shift_ended']);
    expect(mine[0].data.insideGeofence).toBe(false);
    expect(mine[1].data.insideGeofence).toBe(true);
    const seqs = staff.events.map((e: any) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => cursors[`site:${siteA}:staff`] + 1 + i));

    const report = await api(supUser).get(`/attendance?siteId=${siteA}`);
    expect(report.body.unscheduled).toEqual(
      expect.arrayContaining([expect.objectContaining({ shiftId: shift.id, guardId: guard.id })]),
    );
  });
});
