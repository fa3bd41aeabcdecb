import webpush from 'web-push';
import { pollUntil } from '../support/poll.js';
import { command, connect } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { HERE, NOTIFY_ENV, rest } from './notify-fixtures.js';
import { browserKeys } from './push-crypto.js';
import { httpReceiver, type HttpReceiver } from './receivers.js';

describe('webhook target guard (private targets not allowed)', () => {
  let t: TestApp;
  let site: string;
  let admin: TestUser;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    const vapid = webpush.generateVAPIDKeys();
    t = await startTestApp({
      ...NOTIFY_ENV,
      NOTIFY_ALLOW_PRIVATE_TARGETS: 'false',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
    });
    site = await createSite(t, 'Guarded site');
    admin = await createUser(t, 'admin');
    receiver = await httpReceiver(() => ({ status: 204 }));
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('refuses loopback, private and link-local targets at creation with 400 VALIDATION_FAILED', async () => {
    const port = new URL(receiver.url).port;
    const targets: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/`, /loopback or private/],
      [`http://localhost:${port}/`, /loopback or private/],
      ['http://10.1.2.3/hook', /loopback or private/],
      ['http://192.168.0.10/hook', /loopback or private/],
      ['http://[::1]/hook', /loopback or private/],
      ['http://169.254.169.254/latest/meta-data/', /link-local/],
      ['http://[fe80::1]/hook', /link-local/],
      ['http://[::ffff:169.254.169.254]/', /link-local/],
    ];
    for (const [target, why] of targets) {
      const res = await rest(t.baseUrl, admin.token).post('/notification-channels', {
        name: 'Blocked',
        kind: 'webhook',
        target,
        siteIds: null,
        events: ['panic_alert'],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        { field: 'target', constraints: { target: expect.stringMatching(why) } },
      ]);
    }
  });

  it('applies the same guard to Web Push endpoints a browser registers', async () => {
    const user = await createUser(t, 'supervisor', [site]);
    for (const [endpoint, why] of [
      ['http://127.0.0.1:9/push', /loopback or private/],
      ['http://169.254.169.254/push', /link-local/],
    ] as const) {
      const res = await rest(t.baseUrl, user.token).post('/me/devices', {
        kind: 'webpush',
        subscription: browserKeys().subscription(endpoint),
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        {
          field: 'subscription.endpoint',
          constraints: { 'subscription.endpoint': expect.stringMatching(why) },
        },
      ]);
    }
  });

  it('checks again at delivery time against what the name resolves to now, and sends nothing', async () => {
    // A channel stored when it passed (or written by an earlier version) that now points at loopback.
    const [{ id: channelId }] = (await t.db.query(
      `INSERT INTO notification_channels (name, kind, target, site_ids, events, secret)
        VALUES ('Stale', 'webhook', $1, $2, '{panic_alert}', 'whsec_x') RETURNING id`,
      [JSON.stringify(`http://localhost:${new URL(receiver.url).port}/`), [site]],
    )) as { id: string }[];
    const guard = await createUser(t, 'guard', [site]);
    const g = await connect(t.baseUrl, { token: guard.token });
    expect((await command(g, 'panic_alert', { location: HERE })).ok).toBe(true);
    g.close();
    const [attempt] = await pollUntil(async () => {
      const res = await rest(t.baseUrl, admin.token).get(`/notification-deliveries?channelId=${channelId}`);
      return res.body.total ? res.body.items : undefined;
    });
    expect(attempt).toMatchObject({
      status: 'failed',
      httpStatus: null,
      error: expect.stringMatching(/loopback or private/),
    });
    expect(receiver.requests).toHaveLength(0);
  });
});
