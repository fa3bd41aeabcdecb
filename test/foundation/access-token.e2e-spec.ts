import jwt from 'jsonwebtoken';
import request from 'supertest';
import { UserEntity } from '../../libs/core/src/index.js';
import {
  createUser,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
  type TestUser,
} from '../support/test-app.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('access token checks on a protected route', () => {
  let t: TestApp;
  let user: TestUser;
  let inactive: TestUser;
  const sign = (claims: object, secret = TEST_JWT_SECRET, opts: jwt.SignOptions = {}) =>
    jwt.sign(claims, secret, {
      subject: user.id,
      issuer: t.config.JWT_ISSUER,
      audience: t.config.JWT_AUDIENCE,
      ...opts,
    });

  beforeAll(async () => {
    t = await startTestApp();
    user = await createUser(t, 'admin');
    inactive = await createUser(t, 'admin');
    await t.db.getRepository(UserEntity).update({ id: inactive.id }, { active: false });
  });
  afterAll(() => t.close());

  it('accepts a valid token, raw or as Bearer', async () => {
    await request(t.baseUrl).get('/api/v1/sites').set('Authorization', `Bearer ${user.token}`).expect(200);
    await request(t.baseUrl).get('/api/v1/sites').set('Authorization', user.token).expect(200);
  });

  const cases: [string, () => string | undefined][] = [
    ['missing', () => undefined],
    ['garbage', () => 'Bearer not.a.jwt'],
    [
      'expired',
      () => `Bearer ${sign({ role: 'admin', type: 'access', exp: Math.floor(Date.now() / 1000) - 30 })}`,
    ],
    [
      'forged signature',
      () => `Bearer ${sign({ role: 'admin', type: 'access' }, 'y'.repeat(48), { expiresIn: 60 })}`,
    ],
    [
      'alg none',
      () =>
        `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({
          sub: user.id,
          role: 'admin',
          type: 'access',
          iss: t.config.JWT_ISSUER,
          aud: t.config.JWT_AUDIENCE,
          exp: Math.floor(Date.now() / 1000) + 600,
        })}.`,
    ],
    [
      'HS512 instead of HS256',
      () =>
        `Bearer ${sign({ role: 'admin', type: 'access' }, TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 60 })}`,
    ],
    [
      'a refresh type',
      () => `Bearer ${sign({ role: 'admin', type: 'refresh' }, TEST_JWT_SECRET, { expiresIn: 60 })}`,
    ],
    ['no expiry', () => `Bearer ${sign({ role: 'admin', type: 'access' })}`],
    [
      'another audience',
      () =>
        `Bearer ${sign({ role: 'admin', type: 'access' }, TEST_JWT_SECRET, { expiresIn: 60, audience: 'other' })}`,
    ],
    ['an inactive user', () => `Bearer ${inactive.token}`],
    [
      'an unknown user',
      () =>
        `Bearer ${sign({ role: 'admin', type: 'access' }, TEST_JWT_SECRET, {
          expiresIn: 60,
          subject: '00000000-0000-4000-8000-000000000000',
        })}`,
    ],
  ];

  it.each(cases)('answers 401 UNAUTHORIZED for %s', async (_label, header) => {
    const req = request(t.baseUrl).get('/api/v1/sites');
    const value = header();
    if (value) req.set('Authorization', value);
    const res = await req.expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
  });

  it('says when the token expired', async () => {
    const expired = sign({ role: 'admin', type: 'access', exp: Math.floor(Date.now() / 1000) - 30 });
    const res = await request(t.baseUrl).get('/api/v1/sites').auth(expired, { type: 'bearer' }).expect(401);
    expect(res.body.message).toMatch(/expired/i);
  });

  it('takes the role from the database, not from the token', async () => {
    const guard = await createUser(t, 'guard');
    const claimsAdmin = sign({ role: 'admin', type: 'access' }, TEST_JWT_SECRET, {
      expiresIn: 60,
      subject: guard.id,
    });
    const res = await request(t.baseUrl)
      .get('/api/v1/users')
      .auth(claimsAdmin, { type: 'bearer' })
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
