import jwt from 'jsonwebtoken';
import request from 'supertest';
import { AuditService, Publisher } from '../../libs/realtime/src/index.js';
import { command, connect, connectRefused, flush, rawCommand, waitFor } from '../support/sockets.js';
import {
  createSite,
  createUser,
  startTestApp,
  TEST_JWT_SECRET,
  tokenFor,
  type TestApp,
} from '../support/test-app.js';

describe('socket handshake', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await startTestApp();
    siteId = await createSite(t);
  }, 30_000);
  afterAll(() => t.close(), 30_000);

  it.each([['websocket'], ['polling']] as const)(
    'connects over %s and receives session first',
    async (transport) => {
      const guard = await createUser(t, 'guard', [siteId]);
      const s = await connect(t.baseUrl, { token: guard.token, transports: [transport] });
      expect(s.received[0].event).toBe('session');
      expect(s.session).toMatchObject({ userId: guard.id, role: 'guard', siteIds: [siteId] });
      expect(s.session.streams).toEqual({ [`user:${guard.id}`]: 0, [`site:${siteId}:guards`]: 0 });
      expect(Date.parse(s.session.expiresAt)).toBeGreaterThan(Date.now());
      const ack = await command(s, 'sync', { cursors: {} });
      expect(ack.ok).toBe(true);
      s.close();
    },
  );

  it('accepts Bearer in auth.token and the Authorization header', async () => {
    const sup = await createUser(t, 'supervisor', [siteId]);
    (await connect(t.baseUrl, { token: `Bearer ${sup.token}` })).close();
    (
      await connect(t.baseUrl, {
        auth: {},
        extraHeaders: { Authorization: `Bearer ${sup.token}` },
        transports: ['polling'],
      })
    ).close();
  });

  it('refuses with each contract code', async () => {
    const guard = await createUser(t, 'guard', [siteId], { deviceId: 'phone-1' });
    const expect1 = async (opts: Parameters<typeof connectRefused>[1], code: string) => {
      const err = await connectRefused(t.baseUrl, opts);
      expect(err.message).toBe(code);
      expect(err.data).toMatchObject({ code });
      expect(typeof err.data.message).toBe('string');
    };
    await expect1({}, 'AUTH_REQUIRED');
    await expect1({ token: 'not-a-jwt' }, 'AUTH_INVALID');
    const forged = jwt.sign({ role: 'admin', type: 'access' }, 'another-secret-another-secret-another', {
      subject: guard.id,
      expiresIn: 60,
    });
    await expect1({ token: forged }, 'AUTH_INVALID');
    const expired = jwt.sign(
      { role: 'guard', type: 'access', exp: Math.floor(Date.now() / 1000) - 5 },
      TEST_JWT_SECRET,
      {
        subject: guard.id,
        issuer: t.config.JWT_ISSUER,
        audience: t.config.JWT_AUDIENCE,
      },
    );
    await expect1({ token: expired }, 'AUTH_EXPIRED');
    await expect1({ token: guard.token }, 'DEVICE_MISMATCH');
    await expect1({ token: guard.token, deviceId: 'phone-2' }, 'DEVICE_MISMATCH');
    (await connect(t.baseUrl, { token: guard.token, deviceId: 'phone-1' })).close();
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [guard.id]);
    await expect1({ token: guard.token, deviceId: 'phone-1' }, 'USER_INACTIVE');
    await expect1(
      { query: { token: tokenFor(t, { id: guard.id, role: 'guard' }) }, auth: {} },
      'AUTH_REQUIRED',
    );
  });

  it('keeps no access token in the server-side handshake once verified (auth or header)', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const clients = [
      await connect(t.baseUrl, { token: guard.token }),
      await connect(t.baseUrl, { auth: {}, extraHeaders: { authorization: `Bearer ${guard.token}` } }),
    ];
    for (const c of clients) {
      const [server] = await t.app.get(Publisher).io.in(c.socket.id!).fetchSockets();
      expect(server.data.principal.userId).toBe(guard.id);
      expect(JSON.stringify(server.handshake)).not.toContain(guard.token);
      c.close();
    }
  });

  it('answers unknown events and bad payloads in the ack, or with `exception` when there is no ack', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const s = await connect(t.baseUrl, { token: guard.token });
    const unknown = await rawCommand(s, 'no_such_event', {});
    // socket.io's parser accepts numeric event names too: still answered, never a dropped socket.
    const numeric = await s.socket.timeout(5000).emitWithAck(42 as unknown as string, {});
    expect(numeric).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    expect(s.socket.connected).toBe(true);
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: 'Unknown event', retryable: false },
    });
    for (const bad of ['x', 42, [1], null]) {
      const ack = await rawCommand(s, 'sync', bad);
      expect(ack.ok).toBe(false);
      expect(ack.error.code).toBe('VALIDATION_FAILED');
    }
    const big = await rawCommand(s, 'sync', { cursors: {}, pad: 'x'.repeat(40_000) });
    expect(big.error.code).toBe('PAYLOAD_TOO_LARGE');
    const unknownField = await rawCommand(s, 'sync', { cursors: {}, extra: 1 });
    expect(unknownField.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'extra' }] });
    s.socket.emit('sync', 'not an object');
    const exc = await waitFor(s, 'exception');
    expect(exc).toEqual({ event: 'sync', code: 'VALIDATION_FAILED', message: expect.any(String) });
    await flush(s);
    s.close();
  });

  it('audits connects, refusals and commands', async () => {
    const admin = await createUser(t, 'admin');
    await t.app.get(AuditService).flush(); // rows are buffered for up to 500 ms
    const res = await request(t.baseUrl)
      .get('/api/v1/audit?event=connect&result=refused')
      .set('Authorization', `Bearer ${admin.token}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
  });
});
