import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '../config/app-config.js';
import { epochOf, extractBearer, TokenError, TokenService } from './token.service.js';

const config = loadConfig({ JWT_SECRET: 's'.repeat(40), NODE_ENV: 'test' });
const tokens = new TokenService(config, new JwtService({}));
const user = { id: '6f0b7c1e-2f6a-4a53-9a51-2d7f1d0c9a11', role: 'guard' as const };
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof TokenError ? e.reason : 'other';
  }
  return undefined;
}

describe('TokenService', () => {
  it('round-trips an access token with the contract claims', () => {
    const { token, expiresAt } = tokens.signAccess(user, 'device-1');
    const claims = tokens.verifyAccess(token);
    expect(claims).toMatchObject({ sub: user.id, role: 'guard', type: 'access', did: 'device-1' });
    expect(typeof claims.jti).toBe('string');
    expect(claims.exp * 1000).toBe(expiresAt.getTime());
  });
  it('carries the token epoch (tep) it was issued in; none means epoch 0', () => {
    expect(epochOf(tokens.verifyAccess(tokens.signAccess({ ...user, tokenEpoch: 3 }).token))).toBe(3);
    const plain = tokens.verifyAccess(tokens.signAccess(user).token);
    expect(plain.tep).toBeUndefined();
    expect(epochOf(plain)).toBe(0);
  });
  it('refuses a token epoch that is not a non-negative integer', () => {
    const options = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, algorithm: 'HS256' as const };
    for (const tep of [-1, 1.5, '2', null]) {
      const token = jwt.sign({ role: 'guard', type: 'access', tep }, config.JWT_SECRET!, {
        ...options,
        subject: user.id,
        expiresIn: 60,
      });
      expect(reason(() => tokens.verifyAccess(token))).toBe('AUTH_INVALID');
    }
  });
  it('signs and verifies as with the secret string, so tokens of nodes not yet upgraded stay valid', () => {
    const options = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    const { token } = tokens.signAccess(user);
    expect(jwt.verify(token, config.JWT_SECRET!, { ...options, algorithms: ['HS256'] })).toMatchObject({
      sub: user.id,
    });
    const older = jwt.sign({ role: 'guard', type: 'access' }, config.JWT_SECRET!, {
      ...options,
      algorithm: 'HS256',
      subject: user.id,
      expiresIn: 60,
    });
    expect(tokens.verifyAccess(older).sub).toBe(user.id);
  });
  it('refuses expired tokens as AUTH_EXPIRED', () => {
    const token = jwt.sign(
      { role: 'guard', type: 'access', exp: Math.floor(Date.now() / 1000) - 10 },
      config.JWT_SECRET!,
      {
        subject: user.id,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      },
    );
    expect(reason(() => tokens.verifyAccess(token))).toBe('AUTH_EXPIRED');
  });
  it('refuses alg none, a forged signature, another algorithm, a refresh type and missing exp', () => {
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, role: 'admin', type: 'access', exp: 9e9 })}.`;
    expect(reason(() => tokens.verifyAccess(none))).toBe('AUTH_INVALID');
    const forged = jwt.sign({ role: 'admin', type: 'access' }, 'x'.repeat(40), {
      subject: user.id,
      expiresIn: 60,
    });
    expect(reason(() => tokens.verifyAccess(forged))).toBe('AUTH_INVALID');
    const hs512 = jwt.sign({ role: 'admin', type: 'access' }, config.JWT_SECRET!, {
      algorithm: 'HS512',
      subject: user.id,
      expiresIn: 60,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
    expect(reason(() => tokens.verifyAccess(hs512))).toBe('AUTH_INVALID');
    const refresh = jwt.sign({ role: 'guard', type: 'refresh' }, config.JWT_SECRET!, {
      subject: user.id,
      expiresIn: 60,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
    expect(reason(() => tokens.verifyAccess(refresh))).toBe('AUTH_INVALID');
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const body = b64({
      sub: user.id,
      role: 'guard',
      type: 'access',
      iss: config.JWT_ISSUER,
      aud: config.JWT_AUDIENCE,
    });
    const sig = createHmac('sha256', config.JWT_SECRET!).update(`${header}.${body}`).digest('base64url');
    expect(reason(() => tokens.verifyAccess(`${header}.${body}.${sig}`))).toBe('AUTH_INVALID');
    expect(reason(() => tokens.verifyAccess('garbage'))).toBe('AUTH_INVALID');
  });
  it('refuses a token for another audience', () => {
    const other = jwt.sign({ role: 'guard', type: 'access' }, config.JWT_SECRET!, {
      subject: user.id,
      expiresIn: 60,
      issuer: config.JWT_ISSUER,
      audience: 'someone-else',
    });
    expect(reason(() => tokens.verifyAccess(other))).toBe('AUTH_INVALID');
  });
});

describe('extractBearer', () => {
  it('accepts raw and Bearer forms', () => {
    expect(extractBearer('abc')).toBe('abc');
    expect(extractBearer('Bearer abc')).toBe('abc');
    expect(extractBearer('bearer   abc')).toBe('abc');
    expect(extractBearer('')).toBeUndefined();
    expect(extractBearer(42)).toBeUndefined();
  });
});
