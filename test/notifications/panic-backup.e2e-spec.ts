import { command, connect, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import webpush from 'web-push';
import { pollUntil } from '../support/poll.js';
import { guardOnShift, HERE, NOTIFY_ENV, rest } from './notify-fixtures.js';
import { browserKeys, decryptPush, type BrowserKeys } from './push-crypto.js';
import { httpReceiver, type HttpReceiver } from './receivers.js';

/** A point `m` metres north of HERE (about 111,195 m per degree of latitude). */
const north = (m: number) => ({ lat: HERE.lat + m / 111_195, lng: HERE.lng });

describe('panic backup and stepped-up tracking', () => {
  let t: TestApp;
  let siteA: string;
  let siteB: string;
  let supervisor: TestUser;
  let admin: TestUser;
  let phones: HttpReceiver;
  const keys = new Map<string, BrowserKeys>();
  const sockets: TestSocket[] = [];
  let clock = Date.now() - 10 * 60_000;
  /** A fix with a device time 2 s after the previous one (the filter drops fixes under 1 s apart). */
  const fix = (s: TestSocket, at: { lat: number; lng: number }) =>
    command(s, 'update_location', {
      ...at,
      accuracy: 5,
      recordedAt: new Date((clock += 2000)).toISOString(),
    });

  const onShiftAt = async (siteId: string, at: { lat: number; lng: number }) => {
    const user = await createUser(t, 'guard', [siteId]);
    const s = await guardOnShift(t, user, siteId, at);
    sockets.push(s);
    expect((await fix(s, at)).data.accepted).toBe(true);
    // Every guard's phone is registered: only the ones asked for backup may ring.
    keys.set(user.id, browserKeys());
    const device = await rest(t.baseUrl, user.token).post('/me/devices', {
      kind: 'webpush',
      subscription: keys.get(user.id)!.subscription(`${phones.url}/push/${user.id}`),
    });
    expect(device.status).toBe(201);
    return { user, s };
  };

  beforeAll(async () => {
    const vapid = webpush.generateVAPIDKeys();
    phones = await httpReceiver(() => ({ status: 201 }));
    t = await startTestApp({
      ...NOTIFY_ENV,
      PANIC_BACKUP_RADIUS_M: '500',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
    });
    siteA = await createSite(t, 'Backup A');
    siteB = await createSite(t, 'Backup B');
    supervisor = await createUser(t, 'supervisor', [siteA]);
    admin = await createUser(t, 'admin');
    const channel = await rest(t.baseUrl, admin.token).post('/notification-channels', {
      name: 'Guard phones',
      kind: 'webpush',
      target: ['guard'],
      siteIds: null,
      events: ['backup_requested'],
    });
    expect(channel.status).toBe(201);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
    await phones.close();
  });

  it('asks the guards on shift nearby, nearest first, and not the far one or another site’s', async () => {
    const raiser = await onShiftAt(siteA, north(0));
    const mid = await onShiftAt(siteA, north(300));
    const near = await onShiftAt(siteA, north(80));
    const far = await onShiftAt(siteA, north(900));
    const otherSite = await onShiftAt(siteB, north(20));

    const ack = await command(raiser.s, 'panic_alert', { location: HERE, type: 'PANIC' });
    expect(ack.ok).toBe(true);
    const panicId: string = ack.data.panicId;
    const [toNear, toMid] = await Promise.all([
      waitFor(near.s, 'backup_requested', (e) => e.data.panic.id === panicId),
      waitFor(mid.s, 'backup_requested', (e) => e.data.panic.id === panicId),
    ]);
    expect(toNear.stream).toBe(`user:${near.user.id}`);
    expect(toNear.data.distanceM).toBeGreaterThanOrEqual(75);
    expect(toNear.data.distanceM).toBeLessThanOrEqual(85);
    expect(toMid.data.distanceM).toBeGreaterThanOrEqual(295);
    expect(toNear.data.panic.backupNotified).toEqual([near.user.id, mid.user.id]);
    expect(toNear.id).not.toBe(toMid.id);

    await Promise.all([flush(far.s), flush(otherSite.s), flush(raiser.s)]);
    expect(receivedOf(far.s, 'backup_requested')).toHaveLength(0);
    expect(receivedOf(otherSite.s, 'backup_requested')).toHaveLength(0);
    expect(receivedOf(raiser.s, 'backup_requested')).toHaveLength(0);
    const stored = await rest(t.baseUrl, supervisor.token).get(`/panics/${panicId}`);
    expect(stored.body.backupNotified).toEqual([near.user.id, mid.user.id]);

    // The phones of the guards asked ring too (a Web Push channel for the guard role), no other.
    const rung = await pollUntil(() => (phones.requests.length >= 2 ? phones.requests : undefined));
    expect(rung.map((r) => r.path).sort()).toEqual([`/push/${near.user.id}`, `/push/${mid.user.id}`].sort());
    const nearPush = rung.find((r) => r.path === `/push/${near.user.id}`)!;
    expect(JSON.parse(decryptPush(nearPush.body, keys.get(near.user.id)!))).toMatchObject({
      title: 'Backup requested',
      event: { type: 'backup_requested', id: toNear.id },
    });
    const planned = await rest(t.baseUrl, admin.token).get('/notification-deliveries?pageSize=200');
    expect(planned.body.items.filter((a: { kind: string }) => a.kind === 'webpush')).toHaveLength(2);
    expect((await rest(t.baseUrl, supervisor.token).post(`/panics/${panicId}/resolve`, {})).status).toBe(200);
  });

  it('sends a panicking guard’s fixes to site staff at once with a 1 s interval hint, until resolved', async () => {
    const staff = await connect(t.baseUrl, { token: supervisor.token });
    sockets.push(staff);
    const guard = await onShiftAt(siteA, north(10));
    const calm = await fix(guard.s, north(12));
    expect(calm.data.nextIntervalMs).toBeGreaterThan(1000);

    const { panicId } = (await command(guard.s, 'panic_alert', { location: north(12) })).data;
    const during = await fix(guard.s, north(20));
    expect(during.data).toMatchObject({ accepted: true, nextIntervalMs: 1000 });
    const update = await waitFor(staff, 'location_update', (d) => d.panicId === panicId);
    expect(update).toMatchObject({
      userId: guard.user.id,
      panicId,
      location: { lat: north(20).lat, lng: HERE.lng },
    });

    expect((await rest(t.baseUrl, supervisor.token).post(`/panics/${panicId}/resolve`, {})).status).toBe(200);
    const after = await fix(guard.s, north(30));
    expect(after.data.nextIntervalMs).toBeGreaterThan(1000);
    await flush(staff);
    expect(receivedOf(staff, 'location_update').filter((d) => d.userId === guard.user.id)).toHaveLength(1);
  });
});
