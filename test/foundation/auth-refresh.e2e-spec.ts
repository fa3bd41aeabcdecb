import request from 'supertest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

interface Pair {
  accessToken: string;
  refreshToken: string;
}

describe('refresh token rotation and logout', () => {
  let t: TestApp;
  const api = () => request(t.baseUrl);
  const refresh = (refreshToken: string) => api().post('/api/v1/auth/refresh').send({ refreshToken });
  const loginAs = async (u: TestUser): Promise<Pair> =>
    (await api().post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('returns a new pair on refresh', async () => {
    const user = await createUser(t, 'guard');
    const first = await loginAs(user);
    const res = await refresh(first.refreshToken).expect(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: t.config.ACCESS_TOKEN_TTL_S,
      user: { id: user.id, role: 'guard' },
    });
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    expect(res.body.accessToken).not.toBe(first.accessToken);
    await api().get('/api/v1/sites').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    // The rotated pair keeps rotating.
    await refresh(res.body.refreshToken).expect(200);
  });

  it('reusing an old refresh token fails and revokes the whole family', async () => {
    const user = await createUser(t, 'guard');
    const first = await loginAs(user);
    const second = (await refresh(first.refreshToken).expect(200)).body as Pair;
    const reuse = await refresh(first.refreshToken).expect(401);
    expect(reuse.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    const after = await refresh(second.refreshToken).expect(401);
    expect(after.body.code).toBe('UNAUTHORIZED');
    // Another login (another family) is not affected.
    const other = await loginAs(user);
    await refresh(other.refreshToken).expect(200);
  });

  it('refuses unknown, malformed and tampered refresh tokens', async () => {
    const user = await createUser(t, 'guard');
    const pair = await loginAs(user);
    const [id] = pair.refreshToken.split('.');
    for (const token of [
      'not-a-refresh-token',
      `${id}.${'A'.repeat(43)}`,
      `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`,
    ]) {
      const res = await refresh(token).expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    }
    await refresh(pair.refreshToken).expect(200);
  });

  it('logout revokes the refresh token family', async () => {
    const user = await createUser(t, 'guard');
    const pair = await loginAs(user);
    await api()
      .post('/api/v1/auth/logout')
      .auth(pair.accessToken, { type: 'bearer' })
      .send({ refreshToken: pair.refreshToken })
      .expect(204);
    const res = await refresh(pair.refreshToken).expect(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('logout needs the refresh token or a valid access token, not both', async () => {
    const user = await createUser(t, 'guard');
    const pair = await loginAs(user);
    // An access token that expired while the phone was offline: the refresh token alone logs out.
    await api().post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    expect((await refresh(pair.refreshToken).expect(401)).body.code).toBe('UNAUTHORIZED');
    await api().post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204); // again
    await api().post('/api/v1/auth/logout').auth(pair.accessToken, { type: 'bearer' }).send({}).expect(204);
    for (const attempt of [
      api().post('/api/v1/auth/logout').send({}),
      api().post('/api/v1/auth/logout').send({ refreshToken: 'not-a-refresh-token' }),
      api().post('/api/v1/auth/logout').auth('not-a-jwt', { type: 'bearer' }).send({}),
    ]) {
      const res = await attempt.expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    }
  });

  it('deactivating a user revokes their refresh tokens', async () => {
    const admin = await createUser(t, 'admin');
    const user = await createUser(t, 'guard');
    const pair = await loginAs(user);
    await api()
      .patch(`/api/v1/users/${user.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    await refresh(pair.refreshToken).expect(401);
  });
});
