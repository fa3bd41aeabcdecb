import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config.js';
import type { Role } from '../accounts/role.js';

export interface AccessClaims {
  sub: string;
  role: Role;
  type: 'access';
  jti: string;
  exp: number;
  iat: number;
  did?: string;
  /** The user's token epoch when issued (absent = 0); see token-epoch.ts. */
  tep?: number;
}

/** The token epoch a token was issued in. */
export const epochOf = (claims: Pick<AccessClaims, 'tep'>): number => claims.tep ?? 0;

export type TokenFailure = 'AUTH_INVALID' | 'AUTH_EXPIRED';
export class TokenError extends Error {
  constructor(
    readonly reason: TokenFailure,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set(['guard', 'supervisor', 'manager', 'admin']);

/** Signs and verifies access tokens: HS256 only, issuer and audience checked, exp required. */
@Injectable()
export class TokenService {
  private key?: { secret: string; key: KeyObject };
  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
  ) {}

  /**
   * The secret as a KeyObject, made once. Given the string, jsonwebtoken (under JwtService) first
   * tries to parse it as a PEM public key on every call and builds a thrown error before falling
   * back to a secret key: that was a fifth of the server's CPU while 11,000 sockets connected
   * (profile); a verify took 395-465 us with the string and 7-10 us with the KeyObject in a
   * micro-benchmark (bench/README.md, "JWT secret as a KeyObject").
   */
  private get secret(): KeyObject {
    const secret = this.config.JWT_SECRET;
    if (!secret) throw new Error('JWT_SECRET is not set');
    if (this.key?.secret !== secret) this.key = { secret, key: createSecretKey(Buffer.from(secret)) };
    return this.key.key;
  }

  signAccess(
    user: { id: string; role: Role; tokenEpoch?: number },
    deviceId?: string,
    ttlS = this.config.ACCESS_TOKEN_TTL_S,
  ) {
    const payload: Record<string, unknown> = { role: user.role, type: 'access' };
    if (deviceId) payload.did = deviceId;
    if (user.tokenEpoch) payload.tep = user.tokenEpoch;
    const token = this.jwt.sign(payload, {
      privateKey: this.secret,
      algorithm: 'HS256',
      subject: user.id,
      jwtid: randomUUID(),
      expiresIn: ttlS,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
    });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000), expiresIn: ttlS };
  }

  /** Returns the claims of a valid access token or throws TokenError with the contract's reason. */
  verifyAccess(token: string): AccessClaims {
    let claims: Record<string, unknown>;
    try {
      claims = this.jwt.verify(token, {
        // JwtVerifyOptions types `publicKey` as string | Buffer; jsonwebtoken takes the KeyObject.
        publicKey: this.secret as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        complete: false,
      });
    } catch (e) {
      // jsonwebtoken's TokenExpiredError, rethrown by JwtService (matched by name: no direct import).
      if (e instanceof Error && e.name === 'TokenExpiredError')
        throw new TokenError('AUTH_EXPIRED', 'Token expired');
      throw new TokenError('AUTH_INVALID', 'Token invalid');
    }
    if (typeof claims !== 'object' || claims.type !== 'access')
      throw new TokenError('AUTH_INVALID', 'Not an access token');
    if (typeof claims.exp !== 'number') throw new TokenError('AUTH_INVALID', 'Token has no expiry');
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub))
      throw new TokenError('AUTH_INVALID', 'Bad subject');
    if (typeof claims.role !== 'string' || !ROLES.has(claims.role))
      throw new TokenError('AUTH_INVALID', 'Bad role');
    if (claims.did !== undefined && typeof claims.did !== 'string')
      throw new TokenError('AUTH_INVALID', 'Bad device');
    if (claims.tep !== undefined && !(Number.isSafeInteger(claims.tep) && (claims.tep as number) >= 0))
      throw new TokenError('AUTH_INVALID', 'Bad token epoch');
    return claims as unknown as AccessClaims;
  }
}

/** Accepts `<jwt>` or `Bearer <jwt>`; anything else is undefined. */
export function extractBearer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  const token = /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
  return token.length > 0 && token.length < 4096 ? token : undefined;
}
