import jwt from 'jsonwebtoken';
import request from 'supertest';
import { UserEntity } from '../../libs/core/src/index.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

const login = (t: TestApp, body: object) => request(t.baseUrl).post('/api/v1/auth/login').send(body);

describe('POST /api/v1/auth/login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('returns a token pair and the user', async () => {
    const siteId = await createSite(t);
    const user = await createUser(t, 'supervisor', [siteId]);
    const res = await login(t, { email: user.email.toUpperCase(), password: user.password }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: t.config.ACCESS_TOKEN_TTL_S,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: 'supervisor',
        active: true,
        siteIds: [siteId],
      },
    });
    const claims = jwt.decode(res.body.accessToken) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: user.id, role: 'supervisor', type: 'access' });
    expect(claims.did).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(t.config.ACCESS_TOKEN_TTL_S);
    await request(t.baseUrl).get('/api/v1/sites').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
  });

  it('binds the access token to the deviceId (did claim), also after a refresh', async () => {
    const user = await createUser(t, 'guard');
    const res = await login(t, {
      email: user.email,
      password: user.password,
      deviceId: 'android-7f3a',
    }).expect(200);
    expect((jwt.decode(res.body.accessToken) as jwt.JwtPayload).did).toBe('android-7f3a');
    const refreshed = await request(t.baseUrl)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: res.body.refreshToken })
      .expect(200);
    expect((jwt.decode(refreshed.body.accessToken) as jwt.JwtPayload).did).toBe('android-7f3a');
  });

  it('refuses a malformed deviceId', async () => {
    const user = await createUser(t, 'guard');
    const res = await login(t, { email: user.email, password: user.password, deviceId: 'bad id!' }).expect(
      400,
    );
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'deviceId' })]);
  });

  it.each([
    ['a wrong password', (u: { email: string }) => ({ email: u.email, password: 'wrong-password' })],
    ['an unknown email', () => ({ email: 'nobody@test.local', password: 'whatever-1' })],
  ])('answers 401 UNAUTHORIZED for %s, without saying which', async (_label, body) => {
    const user = await createUser(t, 'guard');
    const res = await login(t, body(user)).expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password' });
  });

  it('answers 401 for an inactive user with the right password', async () => {
    const user = await createUser(t, 'guard');
    await t.db.getRepository(UserEntity).update({ id: user.id }, { active: false });
    const res = await login(t, { email: user.email, password: user.password }).expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password' });
  });

  it('answers 400 VALIDATION_FAILED for a body without email', async () => {
    const res = await login(t, { password: 'x' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
  });
});

describe('login rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_ATTEMPTS_PER_15_MIN: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with retryAfterMs after the allowed attempts, per email', async () => {
    const user = await createUser(t, 'guard');
    for (let i = 0; i < 3; i++) await login(t, { email: user.email, password: 'wrong-password' }).expect(401);
    const res = await login(t, { email: user.email, password: user.password }).expect(429);
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.any(String),
      details: { retryAfterMs: expect.any(Number) },
    });
    expect(res.body.details.retryAfterMs).toBeGreaterThan(0);
    expect(res.body.details.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);

    const other = await createUser(t, 'guard');
    await login(t, { email: other.email, password: other.password }).expect(200);
  });
});
