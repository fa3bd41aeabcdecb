import request from 'supertest';
import { command, connect, connectRefused, waitFor, waitForDisconnect } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/**
 * docs/protocol.md section 8 and issues 23/27: a password change revokes refresh tokens, live sockets
 * and access tokens issued before it; the self-service change keeps the caller signed in.
 */
describe('abuse: a password change ends every earlier session', () => {
  let t: TestApp;
  let admin: TestUser;
  let site: string;
  const sitesWith = (token: string) =>
    request(t.baseUrl).get('/api/v1/sites').auth(token, { type: 'bearer' });
  const login = (email: string, password: string) =>
    request(t.baseUrl).post('/api/v1/auth/login').send({ email, password });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    site = await createSite(t, 'Pw');
  });
  afterAll(() => t.close());

  it('admin change: the live socket hears session_revoked and closes; older tokens are refused', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const session = (await login(guard.email, guard.password).expect(200)).body;
    const live = await connect(t.baseUrl, { token: session.accessToken });
    const gone = waitForDisconnect(live);
    await request(t.baseUrl)
      .patch(`/api/v1/users/${guard.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ password: 'a-new-password-1' })
      .expect(200);
    expect(await waitFor(live, 'session_revoked')).toEqual({ reason: 'PASSWORD_CHANGED' });
    expect(await gone).toBe('io server disconnect');

    for (const token of [guard.token, session.accessToken]) {
      const res = await sitesWith(token).expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
      const refusal = await connectRefused(t.baseUrl, { token });
      expect(refusal.data.code).toBe('AUTH_INVALID');
    }
    await request(t.baseUrl)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
    const fresh = (await login(guard.email, 'a-new-password-1').expect(200)).body;
    await sitesWith(fresh.accessToken).expect(200);
    (await connect(t.baseUrl, { token: fresh.accessToken })).close();
  });

  it('an old token cannot extend a socket opened with a new one (auth_refresh)', async () => {
    const guard = await createUser(t, 'guard', [site]);
    await request(t.baseUrl)
      .patch(`/api/v1/users/${guard.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ password: 'another-pass-2' })
      .expect(200);
    const fresh = (await login(guard.email, 'another-pass-2').expect(200)).body;
    const live = await connect(t.baseUrl, { token: fresh.accessToken });
    try {
      const ack = await command(live, 'auth_refresh', { token: guard.token });
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    } finally {
      live.close();
    }
  });

  it('POST /me/password: wrong current password is refused and changes nothing', async () => {
    const user = await createUser(t, 'supervisor', [site]);
    const res = await request(t.baseUrl)
      .post('/api/v1/me/password')
      .auth(user.token, { type: 'bearer' })
      .send({ currentPassword: 'not-it', newPassword: 'brand-new-pass-3' })
      .expect(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    await sitesWith(user.token).expect(200);
    await login(user.email, user.password).expect(200);
  });

  it('POST /me/password: other sessions end, the caller gets fresh tokens that work', async () => {
    const user = await createUser(t, 'supervisor', [site]);
    const phone = (await login(user.email, user.password).expect(200)).body;
    const laptop = (await login(user.email, user.password).expect(200)).body;
    const live = await connect(t.baseUrl, { token: phone.accessToken });
    const gone = waitForDisconnect(live);
    const res = await request(t.baseUrl)
      .post('/api/v1/me/password')
      .auth(laptop.accessToken, { type: 'bearer' })
      .send({ currentPassword: user.password, newPassword: 'brand-new-pass-3' })
      .expect(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: user.id },
    });
    expect(await waitFor(live, 'session_revoked')).toEqual({ reason: 'PASSWORD_CHANGED' });
    await gone;
    for (const old of [phone.accessToken, laptop.accessToken, user.token]) await sitesWith(old).expect(401);
    for (const old of [phone.refreshToken, laptop.refreshToken])
      await request(t.baseUrl).post('/api/v1/auth/refresh').send({ refreshToken: old }).expect(401);
    await sitesWith(res.body.accessToken).expect(200);
    await request(t.baseUrl)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: res.body.refreshToken })
      .expect(200);
    await login(user.email, user.password).expect(401);
    await login(user.email, 'brand-new-pass-3').expect(200);

    const docs = await request(t.baseUrl).get('/api/docs-json').expect(200);
    expect(docs.body.paths['/api/v1/me/password'].post.responses).toHaveProperty('200');
  });
});
