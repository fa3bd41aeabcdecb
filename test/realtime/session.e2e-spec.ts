import request from 'supertest';
import {
  command,
  connect,
  connectRefused,
  flush,
  receivedOf,
  waitFor,
  waitForDisconnect,
} from '../support/sockets.js';
import { createSite, createUser, startTestApp, tokenFor, type TestApp } from '../support/test-app.js';

/** Token lifetime on a live socket: warning, refresh, expiry, revocation (docs/protocol.md section 2). */
describe('socket session lifecycle', () => {
  const LEAD_S = 2;
  let t: TestApp;
  let siteId: string;

  beforeAll(async () => {
    t = await startTestApp({ SESSION_EXPIRING_LEAD_S: String(LEAD_S) });
    siteId = await createSite(t);
  }, 30_000);
  afterAll(() => t.close(), 30_000);

  it('warns LEAD seconds before exp, then emits session_expired and disconnects without refresh', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const s = await connect(t.baseUrl, { token: tokenFor(t, guard, 3) });
    const exp = Date.parse(s.session.expiresAt);
    expect(exp).toBeGreaterThan(Date.now());
    expect(exp).toBeLessThanOrEqual(Date.now() + 3000);

    const expiring = await waitFor(s, 'session_expiring');
    const warnedAt = Date.now();
    expect(expiring).toEqual({ expiresAt: s.session.expiresAt });
    // About LEAD_S before exp (the timer fires at exp - lead; allow scheduling slack).
    expect(exp - warnedAt).toBeLessThanOrEqual(LEAD_S * 1000 + 100);
    expect(exp - warnedAt).toBeGreaterThan(LEAD_S * 1000 - 1500);

    const closed = waitForDisconnect(s);
    const expired = await waitFor(s, 'session_expired');
    expect(expired).toMatchObject({ expiresAt: s.session.expiresAt });
    expect(Date.now()).toBeGreaterThanOrEqual(exp - 50);
    expect(await closed).toBe('io server disconnect');
    // session_expired is the last thing the client heard before the cut.
    expect(s.received[s.received.length - 1].event).toBe('session_expired');
  }, 15_000);

  it('auth_refresh with a fresh token of the same user extends the session past the old exp', async () => {
    const sup = await createUser(t, 'supervisor', [siteId]);
    const s = await connect(t.baseUrl, { token: tokenFor(t, sup, 3) });
    const oldExp = Date.parse(s.session.expiresAt);
    await waitFor(s, 'session_expiring');

    const ack = await command(s, 'auth_refresh', { token: tokenFor(t, sup, 6) });
    expect(ack.ok).toBe(true);
    const newExp = Date.parse(ack.data.expiresAt);
    expect(newExp).toBeGreaterThan(oldExp);

    // The next warning belongs to the new token and comes after the old exp: no sleeping needed.
    const next = await waitFor(s, 'session_expiring', (d) => d.expiresAt === ack.data.expiresAt);
    expect(next.expiresAt).toBe(ack.data.expiresAt);
    expect(Date.now()).toBeGreaterThan(oldExp);
    expect(s.socket.connected).toBe(true);
    expect(receivedOf(s, 'session_expired')).toEqual([]);
    const still = await command(s, 'sync', { cursors: {} });
    expect(still.ok).toBe(true);
    s.close();
  }, 20_000);

  it('refuses to refresh with a token of another user, or a bad or expired token', async () => {
    const sup = await createUser(t, 'supervisor', [siteId]);
    const other = await createUser(t, 'supervisor', [siteId]);
    const s = await connect(t.baseUrl, { token: sup.token });

    const foreign = await command(s, 'auth_refresh', { token: other.token });
    expect(foreign).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.any(String), retryable: false },
    });
    const bad = await command(s, 'auth_refresh', { token: 'x'.repeat(40) });
    expect(bad.error.code).toBe('UNAUTHORIZED');
    const expired = await command(s, 'auth_refresh', { token: tokenFor(t, sup, -10) });
    expect(expired.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Token expired' });

    // The session is untouched by refused refreshes.
    expect(s.socket.connected).toBe(true);
    const ok = await command(s, 'auth_refresh', { token: tokenFor(t, sup, 600) });
    expect(ok.ok).toBe(true);
    s.close();
  });

  it('device-bound sockets only accept refresh tokens of the same device', async () => {
    const guard = await createUser(t, 'guard', [siteId], { deviceId: 'phone-a' });
    const s = await connect(t.baseUrl, { token: guard.token, deviceId: 'phone-a' });
    const otherDevice = await command(s, 'auth_refresh', { token: tokenFor(t, guard, 600, 'phone-b') });
    expect(otherDevice.error.code).toBe('FORBIDDEN');
    const sameDevice = await command(s, 'auth_refresh', { token: tokenFor(t, guard, 600, 'phone-a') });
    expect(sameDevice.ok).toBe(true);
    s.close();
  });

  it('deactivating a user revokes every socket of theirs at once; reconnecting is USER_INACTIVE', async () => {
    const admin = await createUser(t, 'admin');
    const guard = await createUser(t, 'guard', [siteId]);
    const bystander = await createUser(t, 'guard', [siteId]);
    const phone = await connect(t.baseUrl, { token: guard.token });
    const tablet = await connect(t.baseUrl, { token: guard.token, transports: ['polling'] });
    const other = await connect(t.baseUrl, { token: bystander.token });

    const cut = [waitForDisconnect(phone), waitForDisconnect(tablet)];
    await request(t.baseUrl)
      .patch(`/api/v1/users/${guard.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ active: false })
      .expect(200);

    for (const s of [phone, tablet]) {
      const revoked = await waitFor(s, 'session_revoked');
      expect(revoked).toMatchObject({ reason: 'USER_DEACTIVATED' });
    }
    expect(await Promise.all(cut)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const s of [phone, tablet]) expect(s.received[s.received.length - 1].event).toBe('session_revoked');

    // Nobody else was touched.
    await flush(other);
    expect(other.socket.connected).toBe(true);
    expect(receivedOf(other, 'session_revoked')).toEqual([]);

    const refused = await connectRefused(t.baseUrl, { token: guard.token });
    expect(refused.message).toBe('USER_INACTIVE');
    expect(refused.data).toMatchObject({ code: 'USER_INACTIVE' });
    other.close();
  });
});
