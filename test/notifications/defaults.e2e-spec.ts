import webpush from 'web-push';
import { DashboardStatsService } from '../../libs/tracking/src/index.js';
import { seedDefaultChannels } from '../../libs/notifications/src/index.js';
import { seedDemoData } from '../../apps/api/src/seed/seed-demo-data.js';
import { connect, waitFor } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { guardOnShift, NOTIFY_ENV, rest } from './notify-fixtures.js';
import { browserKeys } from './push-crypto.js';

describe('default channels and the panic reach warning', () => {
  let t: TestApp;
  const vapid = webpush.generateVAPIDKeys();

  beforeAll(async () => {
    t = await startTestApp({
      ...NOTIFY_ENV,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
    });
  });
  afterAll(() => t.close());

  it('seeds the safety events to the site staff’s devices for the configured kinds', async () => {
    expect(await seedDemoData(t.db)).not.toBeNull();
    expect(await seedDefaultChannels(t.db, t.config)).toBe(1); // FCM is not configured here
    const admin = await createUser(t, 'admin');
    const list = await rest(t.baseUrl, admin.token).get('/notification-channels');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        kind: 'webpush',
        target: ['supervisor', 'manager', 'admin'],
        siteIds: null,
        events: ['panic_alert', 'panic_escalated', 'site_unwatched', 'guard_stale', 'shift_missed'],
        minLevel: 1,
      }),
    ]);
  });

  it('warns in GET /sites/:id/live and the admins’ stats while guards are on shift and no channel reaches anyone', async () => {
    const site = await createSite(t, 'Unreached');
    const quiet = await createSite(t, 'No guards');
    const supervisor = await createUser(t, 'supervisor', [site, quiet]);
    const admin = await createUser(t, 'admin');
    const adminSocket = await connect(t.baseUrl, { token: admin.token });
    const guard = await guardOnShift(t, await createUser(t, 'guard', [site]), site);
    const live = (id: string) => rest(t.baseUrl, supervisor.token).get(`/sites/${id}/live`);

    expect((await live(site)).body.warnings).toEqual([
      { code: 'NO_PANIC_NOTIFICATION', message: expect.stringContaining('no notification channel') },
    ]);
    expect((await live(quiet)).body.warnings).toEqual([]);
    const stats = t.app.get(DashboardStatsService);
    await stats.broadcast();
    const before = await waitFor(adminSocket, 'dashboard_stats', (d) =>
      Array.isArray(d.sitesWithoutPanicNotification),
    );
    expect(before.sitesWithoutPanicNotification).toContain(site);
    expect(before.sitesWithoutPanicNotification).not.toContain(quiet);

    // The supervisor's browser subscribes: the default webpush channel now reaches someone.
    const res = await rest(t.baseUrl, supervisor.token).post('/me/devices', {
      kind: 'webpush',
      subscription: browserKeys().subscription('http://127.0.0.1:9/push/sup'),
    });
    expect(res.status).toBe(201);
    expect((await live(site)).body.warnings).toEqual([]);
    adminSocket.received.length = 0;
    await stats.broadcast();
    const after = await waitFor(adminSocket, 'dashboard_stats', (d) =>
      Array.isArray(d.sitesWithoutPanicNotification),
    );
    expect(after.sitesWithoutPanicNotification).not.toContain(site);
    adminSocket.close();
    guard.close();
  });
});
