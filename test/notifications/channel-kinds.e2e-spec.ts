import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import webpush from 'web-push';
import { pollUntil } from '../support/poll.js';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { HERE, NOTIFY_ENV, rest } from './notify-fixtures.js';
import { browserKeys, decryptPush, jwtClaims } from './push-crypto.js';
import { httpReceiver, type HttpReceiver, type ReceivedRequest } from './receivers.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server in this process (no TLS, no auth), keeping what it receives. */
async function smtpServer(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((r) => server.close(() => r())) };
}

describe('email, Web Push and FCM channels against real local receivers', () => {
  let t: TestApp;
  let site: string;
  let admin: TestUser;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let push: HttpReceiver;
  let fcm: HttpReceiver;
  const vapid = webpush.generateVAPIDKeys();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const FCM_TOKEN = 'local-access-token';
  const sockets: TestSocket[] = [];

  /** Google's token endpoint and FCM HTTP v1, in one local server. */
  const fcmAnswer = (req: ReceivedRequest) => {
    if (req.path === '/token') {
      const assertion = new URLSearchParams(req.body.toString()).get('assertion') ?? '';
      const [h, p, sig] = assertion.split('.');
      const ok = createVerify('RSA-SHA256')
        .update(`${h}.${p}`)
        .verify(rsa.publicKey, Buffer.from(sig, 'base64url'));
      return ok
        ? {
            status: 200,
            body: JSON.stringify({ access_token: FCM_TOKEN, expires_in: 3600, token_type: 'Bearer' }),
          }
        : { status: 401, body: '{"error":"invalid_grant"}' };
    }
    if (req.headers.authorization !== `Bearer ${FCM_TOKEN}`) return { status: 401, body: '{}' };
    const token = JSON.parse(req.body.toString()).message?.token;
    if (token === 'dead-token')
      return {
        status: 404,
        body: JSON.stringify({
          error: {
            code: 404,
            status: 'NOT_FOUND',
            details: [
              { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' },
            ],
          },
        }),
      };
    return { status: 200, body: JSON.stringify({ name: 'projects/ps-test/messages/1' }) };
  };

  beforeAll(async () => {
    [smtp, push, fcm] = await Promise.all([
      smtpServer(),
      // A push service answers 410 for subscriptions the browser dropped.
      httpReceiver((req) => ({ status: req.path.startsWith('/push/gone') ? 410 : 201 })),
      httpReceiver(fcmAnswer),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'ps-fcm-'));
    const saFile = join(dir, 'service-account.json');
    writeFileSync(
      saFile,
      JSON.stringify({
        type: 'service_account',
        project_id: 'ps-test',
        client_email: 'notifier@ps-test.iam.gserviceaccount.com',
        private_key: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        token_uri: `${fcm.url}/token`,
      }),
    );
    t = await startTestApp({
      ...NOTIFY_ENV,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'PatrolShield <alerts@patrolshield.test>',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      FCM_SERVICE_ACCOUNT_FILE: saFile,
      FCM_ENDPOINT: fcm.url,
    });
    site = await createSite(t, 'Kinds site');
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
    await Promise.all([smtp.close(), push.close(), fcm.close()]);
  });

  it('tells level 1 to the devices of staff with no live socket, by email, Web Push and FCM', async () => {
    const api = rest(t.baseUrl, admin.token);
    const channels = [
      { name: 'Mail', kind: 'email', target: ['ops@example.com', 'night@example.com'] },
      { name: 'Browsers', kind: 'webpush', target: ['supervisor'] },
      { name: 'Phones', kind: 'fcm', target: ['supervisor', 'manager'] },
    ];
    for (const c of channels) {
      const res = await api.post('/notification-channels', {
        ...c,
        siteIds: [site],
        events: ['panic_alert'],
      });
      expect(res.status).toBe(201);
      expect(res.body.secret).toBeUndefined();
    }
    const away = await createUser(t, 'supervisor', [site]); // dashboard closed
    const watching = await createUser(t, 'supervisor', [site]); // dashboard open, confirms receipt
    const manager = await createUser(t, 'manager', [site]); // phone token the service no longer knows
    const awayKeys = browserKeys();
    const watchingKeys = browserKeys();
    const registered = [
      await rest(t.baseUrl, away.token).post('/me/devices', {
        kind: 'webpush',
        subscription: awayKeys.subscription(`${push.url}/push/away`),
      }),
      await rest(t.baseUrl, away.token).post('/me/devices', { kind: 'fcm', token: 'good-token' }),
      await rest(t.baseUrl, watching.token).post('/me/devices', {
        kind: 'webpush',
        subscription: watchingKeys.subscription(`${push.url}/push/watching`),
      }),
      await rest(t.baseUrl, manager.token).post('/me/devices', { kind: 'fcm', token: 'dead-token' }),
      // Two old browsers of the same user whose subscriptions expired: both are removed.
      ...(await Promise.all(
        ['gone-1', 'gone-2'].map((p) =>
          rest(t.baseUrl, away.token).post('/me/devices', {
            kind: 'webpush',
            subscription: browserKeys().subscription(`${push.url}/push/${p}`),
          }),
        ),
      )),
    ];
    for (const r of registered) expect(r.status).toBe(201);
    expect((await rest(t.baseUrl, away.token).get('/me/devices/vapid-key')).body).toEqual({
      publicKey: vapid.publicKey,
    });
    const live = await connect(t.baseUrl, { token: watching.token });
    live.socket.on('panic_alert', (_env: unknown, ack?: () => void) => ack?.());
    sockets.push(live);

    const guard = await createUser(t, 'guard', [site], { name: 'Nina Night' });
    const g = await connect(t.baseUrl, { token: guard.token });
    sockets.push(g);
    const { panicId } = (await command(g, 'panic_alert', { location: HERE, type: 'FIRE' })).data;

    const mail = await pollUntil(() => smtp.mails[0], 20_000);
    expect(mail.from).toBe('alerts@patrolshield.test');
    expect(mail.to.sort()).toEqual(['night@example.com', 'ops@example.com']);
    expect(mail.raw).toMatch(/Subject: \[PatrolShield\] FIRE alert/);
    expect(mail.raw).toContain('Nina Night raised a FIRE alert');
    expect(mail.raw).toContain(panicId);

    const pushed = await pollUntil(() => push.requests.find((r) => r.path === '/push/away'), 20_000);
    expect(pushed.headers['content-encoding']).toBe('aes128gcm');
    const [, jwt, key] = /^vapid t=([^,]+), k=(.+)$/.exec(String(pushed.headers.authorization))!;
    expect(key).toBe(vapid.publicKey);
    expect(jwtClaims(jwt).aud).toBe(push.url);
    const payload = JSON.parse(decryptPush(pushed.body, awayKeys));
    expect(payload).toMatchObject({ title: 'FIRE alert', event: { type: 'panic_alert', siteId: site } });

    const sends = await pollUntil(() => {
      const s = fcm.requests.filter((r) => r.path === '/v1/projects/ps-test/messages:send');
      return s.length >= 2 ? s : undefined;
    }, 20_000);
    const byToken = new Map(sends.map((r) => [JSON.parse(r.body.toString()).message.token, r]));
    expect(JSON.parse(byToken.get('good-token')!.body.toString()).message).toMatchObject({
      notification: { title: 'FIRE alert' },
      data: { type: 'panic_alert', siteId: site },
      android: { priority: 'HIGH' },
    });
    // The token the service rejects as UNREGISTERED is removed.
    await pollUntil(async () => {
      const res = await rest(t.baseUrl, manager.token).get('/me/devices');
      return res.body.total === 0;
    });
    await pollUntil(async () => (await rest(t.baseUrl, away.token).get('/me/devices')).body.total === 2);

    // The supervisor whose dashboard confirmed the alert is not woken: skipped, never pushed.
    const attempts = await pollUntil(async () => {
      const res = await rest(t.baseUrl, admin.token).get('/notification-deliveries');
      const items = res.body.items as { kind: string; status: string }[];
      return items.filter((a) => a.kind === 'webpush').length === 4 ? items : undefined;
    });
    expect(
      attempts
        .filter((a) => a.kind === 'webpush')
        .map((a) => a.status)
        .sort(),
    ).toEqual(['delivered', 'failed', 'failed', 'skipped']);
    expect(
      attempts
        .filter((a) => a.kind === 'fcm')
        .map((a) => a.status)
        .sort(),
    ).toEqual(['delivered', 'failed']);
    expect(attempts.filter((a) => a.kind === 'email').map((a) => a.status)).toEqual(['delivered']);
    expect(push.requests.map((r) => r.path).sort()).toEqual(['/push/away', '/push/gone-1', '/push/gone-2']);
  });
});
