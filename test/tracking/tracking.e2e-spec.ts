import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  countPerSite,
  DashboardStatsService,
  LocationBatcher,
  LocationRetention,
  SiteWatchService,
} from '#tracking';
import { TimerPoller } from '#realtime';
import { GuardTrackStore } from '../../libs/tracking/src/state/guard-track.store.js';
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
import { pollUntil } from '../support/poll.js';

const CENTER = { lat: 52.52, lng: 13.405 };
const north = (m: number) => ({ lat: CENTER.lat + m / 111_195, lng: CENTER.lng });
/** Device times spaced 30 s apart in the past, so fixes sent back to back pass the 1 s rule. */
const base = Date.now() - 3 * 3600_000;
let tick = 0;
const at = (plusMs = 0) => new Date(base + ++tick * 30_000 + plusMs).toISOString();

/** Polls a condition through server round trips (no fixed sleeps): for durable work nobody is told about live. */
const eventually = <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> =>
  pollUntil(probe, timeoutMs, 100);

describe('tracking: update_location, batches, history, breaches, stale guards, unwatched sites, stats', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (u: TestUser) => {
    const s = await connect(t.baseUrl, { token: u.token });
    sockets.push(s);
    return s;
  };
  const get = (u: TestUser, path: string) =>
    request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`);
  const onShift = async (siteId: string) => {
    const user = await createUser(t, 'guard', [siteId]);
    const s = await open(user);
    expect((await command(s, 'shift_start', { siteId, location: CENTER })).ok).toBe(true);
    return { user, s };
  };
  const move = (s: TestSocket, p: { lat: number; lng: number }, extra: object = {}) =>
    command(s, 'update_location', { ...p, accuracy: 5, recordedAt: at(), ...extra });

  beforeAll(async () => {
    t = await startTestApp({
      TIMER_POLL_MS: '100',
      LOCATION_BATCH_MS: '200',
      GUARD_STALE_AFTER_S: '1',
      SITE_UNWATCHED_AFTER_S: '1',
      SHIFT_NO_SHOW_GRACE_S: '1',
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('refuses guards off shift (NOT_ON_SHIFT), other roles and bad payloads', async () => {
    const site = await createSite(t, 'Validation');
    const guard = await open(await createUser(t, 'guard', [site]));
    const sup = await open(await createUser(t, 'supervisor', [site]));
    const off = await command(guard, 'update_location', CENTER);
    expect(off.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'NOT_ON_SHIFT' } });
    expect((await command(sup, 'update_location', CENTER)).error.code).toBe('FORBIDDEN');
    await command(guard, 'shift_start', { siteId: site });
    for (const bad of [
      { ...CENTER, heading: 361 },
      { ...CENTER, speed: -1 },
      { ...CENTER, batteryLevel: 101 },
      { ...CENTER, batteryLevel: 42.5 }, // percent as a whole number, as in panic_alert
      { lat: 91, lng: 0 },
      { lat: 0 },
      { ...CENTER, extra: true },
      { ...CENTER, recordedAt: new Date(Date.now() + 5 * 60_000).toISOString() },
      { ...CENTER, recordedAt: new Date(Date.now() - 25 * 3600_000).toISOString() },
    ])
      expect((await rawCommand(guard, 'update_location', bad)).error.code).toBe('VALIDATION_FAILED');
    expect(
      (await command(guard, 'update_location', { ...CENTER, heading: 360, speed: 0, batteryLevel: 0 })).ok,
    ).toBe(true);
    await command(guard, 'shift_end', {});
    expect((await command(guard, 'update_location', CENTER)).error.details.reason).toBe('NOT_ON_SHIFT');
    const rows = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE event = 'update_location' AND result = 'ok'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('throttles, filters duplicates and impossible jumps, and hints the next interval', async () => {
    const site = await createSite(t, 'Filters');
    const { s } = await onShift(site);
    const r0 = at();
    const firstFix = await command(s, 'update_location', { ...CENTER, recordedAt: r0 });
    // This app's stale grace is 1 s, so every hint is capped at its 1 s floor (the movement-based
    // 2/5/20 s hints are unit-tested in interval-hint.spec.ts).
    expect(firstFix.data).toEqual({ accepted: true, nextIntervalMs: 1000 });
    const quick = await command(s, 'update_location', {
      ...north(2),
      recordedAt: new Date(Date.parse(r0) + 500).toISOString(),
    });
    expect(quick.data).toMatchObject({ accepted: false, reason: 'TOO_FREQUENT' });
    const recordedAt = at();
    expect((await command(s, 'update_location', { ...north(3), recordedAt })).data.accepted).toBe(true);
    const dup = await command(s, 'update_location', { ...north(3), recordedAt });
    expect(dup.data).toMatchObject({ accepted: false, reason: 'DUPLICATE' });
    expect((await move(s, north(5_000))).data).toMatchObject({ accepted: false, reason: 'IMPOSSIBLE_SPEED' });
    expect((await move(s, north(4))).data).toEqual({ accepted: true, nextIntervalMs: 1000 }); // still, capped
    expect((await move(s, north(400), { speed: 30 })).data).toEqual({ accepted: true, nextIntervalMs: 1000 });
    const clientEventId = randomUUID();
    const first = await move(s, north(420), { clientEventId });
    expect((await move(s, north(999), { clientEventId })).data).toEqual(first.data);
  });

  it('stores a retried fix once even when the node has forgotten it (restart, another node)', async () => {
    const site = await createSite(t, 'Retry');
    const { user, s } = await onShift(site);
    const clientEventId = randomUUID();
    const fix = {
      ...north(30),
      accuracy: 5.5,
      heading: 90.25,
      speed: 1.5,
      batteryLevel: 42,
      recordedAt: at(123),
      clientEventId,
    };
    expect((await command(s, 'update_location', fix)).data.accepted).toBe(true);
    const stored = () =>
      t.db.query(
        `SELECT lat, lng, accuracy, heading, speed, battery_level, recorded_at, received_at, shift_id, site_id
           FROM location_history WHERE guard_id = $1 AND client_event_id = $2`,
        [user.id, clientEventId],
      ) as Promise<any[]>;
    const [row] = await eventually(async () => {
      const rows = await stored();
      return rows.length ? rows : undefined;
    });
    // Every column as sent, to the millisecond.
    expect(row).toMatchObject({ lat: fix.lat, lng: fix.lng, accuracy: 5.5, heading: 90.25, speed: 1.5 });
    expect(row.battery_level).toBe(42);
    expect(new Date(row.recorded_at).toISOString()).toBe(fix.recordedAt);
    expect(Math.abs(new Date(row.received_at).getTime() - Date.now())).toBeLessThan(60_000);
    const [shift] = await t.db.query('SELECT id FROM shifts WHERE guard_id = $1 AND ended_at IS NULL', [
      user.id,
    ]);
    expect(row.shift_id).toBe(shift.id);
    expect(row.site_id).toBe(site);
    t.app.get(GuardTrackStore).drop(user.id); // what a restarted node, or another one, knows of this guard
    expect((await command(s, 'update_location', fix)).data.accepted).toBe(true);
    await t.app.get(LocationBatcher).flush();
    expect(await stored()).toHaveLength(1);
  });

  it('stores a value too small for a real column as 0, and the fixes written with it too', async () => {
    const site = await createSite(t, 'Tiny');
    const a = await onShift(site);
    const b = await onShift(site);
    expect((await move(a.s, north(10), { accuracy: 1e-50, speed: 1e-45 })).data.accepted).toBe(true);
    expect((await move(b.s, north(20), { accuracy: 3 })).data.accepted).toBe(true);
    await t.app.get(LocationBatcher).flush();
    const rows = await t.db.query(
      'SELECT guard_id, accuracy, speed FROM location_history WHERE guard_id = ANY($1) ORDER BY lat',
      [[a.user.id, b.user.id]],
    );
    expect(rows).toEqual([
      { guard_id: a.user.id, accuracy: 0, speed: 0 },
      { guard_id: b.user.id, accuracy: 3, speed: null },
    ]);
  });

  it('drops a fix PostgreSQL refuses for its values and still writes the others of its window', async () => {
    const site = await createSite(t, 'Refused');
    const { s } = await onShift(site);
    const batcher = t.app.get(LocationBatcher);
    expect((await move(s, north(10))).data.accepted).toBe(true);
    // No command can produce this row (validation refuses it): it stands for any value PostgreSQL
    // would refuse every time.
    batcher.add({
      ...north(11),
      accuracy: 5,
      heading: null,
      speed: null,
      batteryLevel: null,
      recordedAt: Date.now(),
      receivedAt: Date.now(),
      guardId: 'not-a-uuid',
      siteId: site,
      shiftId: null as unknown as string,
      clientEventId: null,
    });
    await batcher.flush();
    const rows = await t.db.query('SELECT lat FROM location_history WHERE site_id = $1', [site]);
    expect(rows).toEqual([{ lat: north(10).lat }]);
    expect((batcher as any).pending).toEqual([]); // nothing kept to fail again next window
  });

  it("batches the latest fix per guard to that site's staff only and writes the history in multi-row inserts", async () => {
    const siteA = await createSite(t, 'Batch A');
    const siteB = await createSite(t, 'Batch B');
    const supA = await open(await createUser(t, 'supervisor', [siteA]));
    const supB = await open(await createUser(t, 'supervisor', [siteB]));
    const g1 = await onShift(siteA);
    const g2 = await onShift(siteA);
    const batcher = t.app.get(LocationBatcher);
    const inserts: number[] = [];
    const repo = (batcher as any).history;
    const original = repo.insertMany.bind(repo);
    repo.insertMany = async (rows: unknown[]) => {
      inserts.push(rows.length);
      return original(rows);
    };
    const g1Points = [north(10), north(20), north(30)];
    for (const p of g1Points) expect((await move(g1.s, p, { batteryLevel: 77 })).data.accepted).toBe(true);
    expect((await move(g2.s, north(50))).data.accepted).toBe(true);

    const last = g1Points[2];
    const batch = await waitFor(supA, 'location_batch', (b) =>
      b.locations.some((l: any) => l.userId === g1.user.id && l.lat === last.lat),
    );
    expect(batch).toMatchObject({
      siteId: siteA,
      windowStart: expect.any(String),
      windowEnd: expect.any(String),
    });
    expect(batch.locations.find((l: any) => l.userId === g1.user.id)).toMatchObject({
      lng: last.lng,
      accuracy: 5,
      heading: null,
      speed: null,
      batteryLevel: 77,
      recordedAt: expect.any(String),
    });
    await waitFor(supA, 'location_batch', (b) => b.locations.some((l: any) => l.userId === g2.user.id));
    for (const b of receivedOf(supA, 'location_batch')) {
      const ids = b.locations.map((l: any) => l.userId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    await batcher.flush();
    await Promise.all([flush(supB), flush(g1.s), flush(g2.s)]);
    expect(receivedOf(supB, 'location_batch').filter((b) => b.siteId === siteA)).toEqual([]);
    expect(receivedOf(g1.s, 'location_batch')).toEqual([]);
    expect(receivedOf(g2.s, 'location_batch')).toEqual([]);

    const rows = await t.db.query(
      'SELECT lat, battery_level, site_id FROM location_history WHERE guard_id = $1 ORDER BY recorded_at',
      [g1.user.id],
    );
    expect(rows.map((r: any) => r.lat)).toEqual(g1Points.map((p) => p.lat));
    expect(rows.every((r: any) => r.battery_level === 77 && r.site_id === siteA)).toBe(true);
    expect(Math.max(...inserts)).toBeGreaterThan(1);
    repo.insertMany = original;

    const old = new Date(Date.now() - (t.config.EVENT_RETENTION_DAYS + 1) * 86_400_000);
    await t.db.query(
      `INSERT INTO location_history (guard_id, site_id, lat, lng, recorded_at, received_at)
       VALUES ($1, $2, 0, 0, $3, $3)`,
      [g1.user.id, siteA, old],
    );
    expect(await t.app.get(LocationRetention).prune()).toBeGreaterThanOrEqual(1);
    const left = await t.db.query('SELECT count(*)::int AS n FROM location_history WHERE guard_id = $1', [
      g1.user.id,
    ]);
    expect(left[0].n).toBe(g1Points.length);

    const history = await get(
      await createUser(t, 'supervisor', [siteA]),
      `/tracking/users/${g1.user.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: any) => i.lat)).toEqual(g1Points.map((p) => p.lat));
    expect(
      (await get(await createUser(t, 'supervisor', [siteB]), `/tracking/users/${g1.user.id}/history`)).status,
    ).toBe(404);
    expect((await get(g2.user, `/tracking/users/${g1.user.id}/history`)).status).toBe(403);

    const live = await get(await createUser(t, 'manager', [siteA]), `/sites/${siteA}/live`);
    expect(live.status).toBe(200);
    const g1Live = live.body.items.find((i: any) => i.userId === g1.user.id);
    expect(g1Live.location).toMatchObject({ lat: last.lat, lng: last.lng });
    expect((await get(await createUser(t, 'supervisor', [siteB]), `/sites/${siteA}/live`)).status).toBe(404);
    const join = await command(supA, 'join_site', { siteId: siteA });
    expect(join.data.snapshot.guardsOnShift.map((g: any) => g.userId).sort()).toEqual(
      [g1.user.id, g2.user.id].sort(),
    );
  });

  it('raises geofence_breach once per exit, re-armed on re-entry, to staff and the guard', async () => {
    const site = await createSite(t, 'Fence');
    const sup = await open(await createUser(t, 'supervisor', [site]));
    const other = await open(await createUser(t, 'guard', [site]));
    const g = await onShift(site);
    for (const p of [north(0), north(900), north(950), north(100), north(50), north(1000), north(1100)])
      expect((await move(g.s, p)).data.accepted).toBe(true);
    const mine = (e: any) => e.data.userId === g.user.id;
    await waitFor(sup, 'geofence_breach', (e) => mine(e) && e.data.location.lat === north(1000).lat);
    await Promise.all([flush(sup), flush(g.s), flush(other)]);
    const breaches = receivedOf(sup, 'geofence_breach').filter(mine);
    expect(breaches.map((e) => e.data.location.lat)).toEqual([north(900).lat, north(1000).lat]);
    expect(breaches[0]).toMatchObject({
      stream: `site:${site}:staff`,
      data: { site: { id: site, name: 'Fence' } },
    });
    expect(receivedOf(g.s, 'geofence_breach')).toHaveLength(2);
    expect(receivedOf(other, 'geofence_breach')).toEqual([]);
  });

  it('reports stale guards once: NO_LOCATION while connected, DISCONNECTED without a socket', async () => {
    const site = await createSite(t, 'Stale');
    const sup = await open(await createUser(t, 'supervisor', [site]));
    const quiet = await onShift(site);
    const gone = await onShift(site);
    expect((await move(gone.s, north(5))).data.accepted).toBe(true);
    gone.s.close();
    const a = await waitFor(sup, 'guard_stale', (e) => e.data.userId === quiet.user.id);
    expect(a.data).toMatchObject({ reason: 'NO_LOCATION', lastSeenAt: expect.any(String) });
    const b = await waitFor(sup, 'guard_stale', (e) => e.data.userId === gone.user.id);
    expect(b.data.reason).toBe('DISCONNECTED');
    await t.app.get(TimerPoller).tick();
    await flush(sup);
    const stale = receivedOf(sup, 'guard_stale');
    expect(stale.filter((e) => e.data.userId === quiet.user.id)).toHaveLength(1);
    expect(stale.filter((e) => e.data.userId === gone.user.id)).toHaveLength(1);
    expect(receivedOf(quiet.s, 'guard_stale')).toEqual([]);

    expect((await move(quiet.s, north(1))).data.accepted).toBe(true); // seen again: re-armed
    await t.app.get(LocationBatcher).flush();
    const armed = await t.db.query('SELECT due_at FROM timers WHERE kind = $1 AND ref = $2', [
      'guard_stale',
      quiet.user.id,
    ]);
    expect(armed).toHaveLength(1);
  });

  it('reports a site unwatched once while no staff watches it, re-armed when staff is back', async () => {
    const site = await createSite(t, 'Unwatched');
    const supUser = await createUser(t, 'supervisor', [site]);
    const sup = await open(supUser);
    const cursor = sup.session.streams[`site:${site}:staff`];
    await onShift(site);
    expect((await command(sup, 'leave_site', { siteId: site })).ok).toBe(true);
    const event = await eventually(async () => {
      const ack = await command(sup, 'sync', { cursors: { [`site:${site}:staff`]: cursor } });
      return ack.data.streams[`site:${site}:staff`].events.find((e: any) => e.type === 'site_unwatched');
    });
    expect(event.data).toMatchObject({ siteId: site, guardsOnShift: 1, since: expect.any(String) });
    const watch = t.app.get(SiteWatchService);
    await watch.sweep();
    await watch.sweep();
    const count = async () =>
      (
        await t.db.query(
          "SELECT count(*)::int AS n FROM stream_events WHERE type = 'site_unwatched' AND site_id = $1",
          [site],
        )
      )[0].n;
    expect(await count()).toBe(1);
    await command(sup, 'join_site', { siteId: site });
    await watch.sweep();
    expect(await t.db.query('SELECT * FROM site_watch WHERE site_id = $1', [site])).toEqual([]);
    expect(receivedOf(sup, 'site_unwatched')).toEqual([]);
  });

  it('replays every durable tracking event to a client that was offline', async () => {
    const site = await createSite(t, 'Offline');
    const supUser = await createUser(t, 'supervisor', [site]);
    const first = await connect(t.baseUrl, { token: supUser.token });
    const cursors = first.session.streams;
    first.close();
    const g = await onShift(site);
    await move(g.s, north(2000));
    await command(g.s, 'shift_end', {});
    const back = await open(supUser);
    const ack = await command(back, 'sync', { cursors });
    const events = ack.data.streams[`site:${site}:staff`].events;
    const types = events.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(['shift_started', 'geofence_breach', 'shift_ended']));
    expect(events.map((e: any) => e.seq)).toEqual(
      events.map((_: unknown, i: number) => cursors[`site:${site}:staff`] + 1 + i),
    );
  });

  it('sends dashboard_stats to admins (all sites) and managers (their sites)', async () => {
    const site = await createSite(t, 'Stats');
    const manager = await open(await createUser(t, 'manager', [site]));
    const admin = await open(await createUser(t, 'admin'));
    await onShift(site);
    await t.app.get(DashboardStatsService).broadcast();
    const mine = await waitFor(manager, 'dashboard_stats', (d) => d.guardsOnShift === 1);
    expect(mine).toEqual({
      activePanics: expect.any(Number),
      openIncidents: expect.any(Number),
      guardsOnShift: 1,
      guardsOnline: 1,
      patrolsInProgress: expect.any(Number),
      overduePatrols: expect.any(Number),
    });
    const all = await waitFor(admin, 'dashboard_stats', (d) => d.guardsOnShift > 1);
    expect(all.guardsOnShift).toBeGreaterThan(1);
    const stats = t.app.get(DashboardStatsService);
    const clock = async () => (await t.db.query('SELECT last_at FROM dashboard_stats_clock'))[0].last_at;
    await stats.tick();
    const claimed = await clock();
    await stats.tick(); // same period: another tick (or node) does not send again
    expect(await clock()).toEqual(claimed);
    const failures: string[] = [];
    await countPerSite(t.db, (count) => failures.push(count));
    expect(failures).toEqual([]); // the counting SQL matches the other features' tables
  });
});
