import request from 'supertest';
import { DeliveryCounts, DeliveryRetention } from '../../libs/notifications/src/index.js';
import { pollUntil } from '../support/poll.js';
import { command, connect } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { HERE, NOTIFY_ENV, rest, signatureValid } from './notify-fixtures.js';
import { httpReceiver, statusesPerDelivery, type HttpReceiver } from './receivers.js';

describe('webhook notifications', () => {
  let t: TestApp;
  let site: string;
  let admin: TestUser;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    t = await startTestApp(NOTIFY_ENV);
    site = await createSite(t, 'Webhook site');
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await receiver?.close();
    await t.close();
  });

  const raisePanic = async (app: TestApp) => {
    const guard = await createUser(app, 'guard', [site]);
    const s = await connect(app.baseUrl, { token: guard.token });
    const ack = await command(s, 'panic_alert', { location: HERE, type: 'MEDICAL' });
    s.close();
    expect(ack.ok).toBe(true);
    return ack.data.panicId as string;
  };

  it('POSTs the signed envelope, retries a 500 within 10 s with the same delivery id, and lists attempts', async () => {
    receiver = await httpReceiver(statusesPerDelivery(500, 204));
    const created = await rest(t.baseUrl, admin.token).post('/notification-channels', {
      name: 'Control room',
      kind: 'webhook',
      target: `${receiver.url}/hooks/patrolshield`,
      siteIds: [site],
      events: ['panic_alert'],
    });
    expect(created.status).toBe(201);
    const { id: channelId, secret } = created.body;
    expect(secret).toMatch(/^whsec_/);

    const panicId = await raisePanic(t);
    const [first, second] = [await receiver.nth(1), await receiver.nth(2)];
    for (const r of [first, second]) {
      expect(r.method).toBe('POST');
      expect(r.path).toBe('/hooks/patrolshield');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-patrolshield-event']).toBe('panic_alert');
      expect(signatureValid(r.body, r.headers['x-patrolshield-signature'], secret)).toBe(true);
      expect(signatureValid(r.body, r.headers['x-patrolshield-signature'], `${secret}x`)).toBe(false);
    }
    expect(second.headers['x-patrolshield-delivery']).toBe(first.headers['x-patrolshield-delivery']);
    const envelope = JSON.parse(second.body.toString());
    expect(envelope).toMatchObject({
      type: 'panic_alert',
      stream: `site:${site}:staff`,
      siteId: site,
      data: { panic: { id: panicId, type: 'MEDICAL' } },
    });

    const attempts = await pollUntil(async () => {
      const res = await rest(t.baseUrl, admin.token).get(`/notification-deliveries?eventId=${envelope.id}`);
      return res.body.items?.length === 2 ? res.body.items : undefined;
    });
    expect(attempts).toMatchObject([
      { channelId, eventId: envelope.id, attempt: 1, status: 'retrying', httpStatus: 500 },
      { channelId, eventId: envelope.id, attempt: 2, status: 'delivered', httpStatus: 204 },
    ]);
    expect(Date.parse(attempts[1].at) - Date.parse(attempts[0].at)).toBeLessThanOrEqual(10_000);
    const byChannel = await rest(t.baseUrl, admin.token).get(
      `/notification-deliveries?channelId=${channelId}`,
    );
    expect(byChannel.body.total).toBe(2);
    // What the metrics endpoint reads: attempts by kind and outcome on this node.
    expect(t.app.get(DeliveryCounts).snapshot()).toEqual(
      expect.arrayContaining([
        { kind: 'webhook', status: 'retrying', count: 1 },
        { kind: 'webhook', status: 'delivered', count: 1 },
      ]),
    );
    const scraped = await request(t.baseUrl).get('/metrics').expect(200);
    expect(scraped.text).toContain(
      'patrolshield_notification_deliveries_total{kind="webhook",status="delivered"} 1',
    );
    expect(scraped.text).toContain(
      'patrolshield_notification_deliveries_total{kind="webhook",status="retrying"} 1',
    );
  });

  it('never shows the secret again: not in the list, the channel, or an update', async () => {
    const created = await rest(t.baseUrl, admin.token).post('/notification-channels', {
      name: 'Secret keeper',
      kind: 'webhook',
      target: 'http://127.0.0.1:9/none',
      siteIds: null,
      events: ['guard_stale'],
      minLevel: 1,
    });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    const api = rest(t.baseUrl, admin.token);
    const answers = [
      await api.get('/notification-channels'),
      await api.get(`/notification-channels/${created.body.id}`),
      await api.patch(`/notification-channels/${created.body.id}`, {
        name: 'Renamed',
        events: ['shift_missed'],
      }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.body)).not.toContain(secret);
      expect(JSON.stringify(a.body)).not.toContain('"secret"');
    }
    expect(answers[2].body).toMatchObject({ name: 'Renamed', events: ['shift_missed'], kind: 'webhook' });
    expect((await api.delete(`/notification-channels/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`/notification-channels/${created.body.id}`)).status).toBe(404);
  });

  it('refuses bad channels with VALIDATION_FAILED naming the problem, and supervisors with FORBIDDEN', async () => {
    const api = rest(t.baseUrl, admin.token);
    const base = { name: 'x', siteIds: null, events: ['panic_alert'] };
    const cases: [object, string][] = [
      [{ ...base, kind: 'pager', target: 'http://127.0.0.1:9/' }, 'kind'],
      [{ ...base, kind: 'webhook' }, 'target'],
      [{ ...base, kind: 'webhook', target: 'ftp://127.0.0.1/x' }, 'target'],
      // Link-local stays refused even with NOTIFY_ALLOW_PRIVATE_TARGETS=true (cloud metadata).
      [{ ...base, kind: 'webhook', target: 'http://169.254.169.254/latest/meta-data/' }, 'link-local'],
      [{ ...base, kind: 'webhook', target: 'http://[fe80::1]/' }, 'link-local'],
      [{ ...base, kind: 'webhook', target: 'http://127.0.0.1:9/', events: ['incident_created'] }, 'events'],
      [{ ...base, kind: 'email', target: ['ops@example.com'] }, 'SMTP_URL'],
      [{ ...base, kind: 'webpush', target: ['admin'] }, 'VAPID_PUBLIC_KEY'],
      [{ ...base, kind: 'fcm', target: ['admin'] }, 'FCM_SERVICE_ACCOUNT_FILE'],
    ];
    for (const [body, named] of cases) {
      const res = await api.post('/notification-channels', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).toContain(named);
    }
    const supervisor = await createUser(t, 'supervisor', [site]);
    const res = await rest(t.baseUrl, supervisor.token).post('/notification-channels', {
      ...base,
      kind: 'webhook',
      target: 'http://127.0.0.1:9/',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await rest(t.baseUrl, supervisor.token).get('/notification-deliveries')).status).toBe(403);
    // Devices of a kind the server cannot send to are refused the same way.
    const device = await rest(t.baseUrl, supervisor.token).post('/me/devices', {
      kind: 'fcm',
      token: 'abcdefgh12',
    });
    expect(device.status).toBe(400);
    expect(device.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('FCM_SERVICE_ACCOUNT_FILE'),
    });
    expect(
      (await rest(t.baseUrl, supervisor.token).post('/me/devices', { kind: 'sms', token: 'x' })).status,
    ).toBe(400);
  });

  it('does not follow redirects: a 302 is a failed attempt and the other URL is never asked', async () => {
    const elsewhere = await httpReceiver(() => ({ status: 204 }));
    const redirecting = await httpReceiver(() => ({ status: 302, headers: { location: elsewhere.url } }));
    try {
      const created = await rest(t.baseUrl, admin.token).post('/notification-channels', {
        name: 'Redirecting',
        kind: 'webhook',
        target: redirecting.url,
        siteIds: [site],
        events: ['panic_alert'],
      });
      await raisePanic(t);
      await redirecting.nth(1);
      const [attempt] = await pollUntil(async () => {
        const res = await rest(t.baseUrl, admin.token).get(
          `/notification-deliveries?channelId=${created.body.id}`,
        );
        return res.body.total ? res.body.items : undefined;
      });
      expect(attempt).toMatchObject({ status: 'retrying', httpStatus: 302 });
      expect(elsewhere.requests).toHaveLength(0);
      await rest(t.baseUrl, admin.token).delete(`/notification-channels/${created.body.id}`);
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });

  it('keeps a retry across a restart: the next node process delivers it', async () => {
    const restartReceiver = await httpReceiver(statusesPerDelivery(503, 200));
    try {
      const created = await rest(t.baseUrl, admin.token).post('/notification-channels', {
        name: 'Restart',
        kind: 'webhook',
        target: restartReceiver.url,
        siteIds: [site],
        events: ['panic_alert'],
      });
      await raisePanic(t);
      const first = await restartReceiver.nth(1);
      const deliveryId = first.headers['x-patrolshield-delivery'];
      // The failed attempt is stored before the process goes away.
      await pollUntil(async () => {
        const res = await rest(t.baseUrl, admin.token).get(
          `/notification-deliveries?channelId=${created.body.id}`,
        );
        return res.body.total === 1;
      });
      t = await t.restart();
      const second = await restartReceiver.nth(2);
      expect(second.headers['x-patrolshield-delivery']).toBe(deliveryId);
      expect(second.body.equals(first.body)).toBe(true);
      const attempts = await pollUntil(async () => {
        const res = await rest(t.baseUrl, admin.token).get(
          `/notification-deliveries?channelId=${created.body.id}`,
        );
        return res.body.total === 2 ? res.body.items : undefined;
      });
      expect(attempts.map((a: { status: string }) => a.status)).toEqual(['retrying', 'delivered']);
    } finally {
      await restartReceiver.close();
    }
  });

  it('prunes finished deliveries past the retention window and keeps recent ones', async () => {
    /** Finished deliveries last touched before `at` (a retry of another test may finish any time). */
    const finishedBefore = async (at: Date) =>
      Number(
        (
          (await t.db.query(
            `SELECT count(*) AS n FROM notification_deliveries WHERE status <> 'pending' AND updated_at < $1`,
            [at],
          )) as { n: string }[]
        )[0].n,
      );
    const retention = t.app.get(DeliveryRetention);
    const now = new Date();
    const finished = await finishedBefore(now);
    expect(finished).toBeGreaterThan(0);
    expect(await retention.prune()).toBe(0);
    expect(await finishedBefore(now)).toBe(finished);
    const later = Date.now() + (t.config.EVENT_RETENTION_DAYS + 1) * 86_400_000;
    expect(await retention.prune(later)).toBeGreaterThanOrEqual(finished);
    expect(await finishedBefore(now)).toBe(0);
  });
});
