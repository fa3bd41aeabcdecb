import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { MembershipService } from '../accounts/membership.service.js';
import { UserEntity } from '../accounts/user.entity.js';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { rootLogger } from '../logging/logger.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { hashMatches, newRefreshToken, parseRefreshToken } from './refresh-tokens.js';
import { raiseTokenEpoch, tokenEpochOf } from './token-epoch.js';
import { extractBearer, TokenService } from './token.service.js';

const LOGIN_WINDOW_MS = 15 * 60_000;

@Injectable()
export class AuthService {
  private readonly log = rootLogger().child({ context: 'auth' });
  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    private readonly membership: MembershipService,
    private readonly limiter: RateLimiter,
    private readonly hasher: PasswordHasher,
  ) {}

  async login(email: string, password: string, deviceId: string | undefined, remote: string) {
    // per address first (a flood of random emails from one place), then per email and address
    const perAddress = await this.limiter.hit(
      `login-addr:${remote}`,
      this.config.LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN,
      LOGIN_WINDOW_MS,
    );
    if (!perAddress.allowed) throw AppError.rateLimited(perAddress.retryAfterMs);
    const limitKey = `login:${email}:${remote}`;
    const gate = await this.limiter.hit(limitKey, this.config.LOGIN_ATTEMPTS_PER_15_MIN, LOGIN_WINDOW_MS);
    if (!gate.allowed) throw AppError.rateLimited(gate.retryAfterMs);
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await this.hasher.verify(user?.passwordHash, password, remote);
    if (!user || !ok || !user.active) {
      this.log.info(
        { email, remote, reason: !user ? 'unknown' : !ok ? 'password' : 'inactive' },
        'login refused',
      );
      throw AppError.unauthorized('Invalid email or password');
    }
    return this.issueTokens(user, deviceId ?? null, randomUUID(), this.db.manager);
  }

  /** Rotates a refresh token. Presenting an already-rotated token revokes its whole family. */
  async refresh(refreshToken: string) {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw AppError.unauthorized('Invalid refresh token');
    const result = await this.db.transaction(async (tx) => {
      const row = await tx
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id: parsed.id })
        .getOne();
      if (!row || !hashMatches(parsed.secret, row.tokenHash))
        throw AppError.unauthorized('Invalid refresh token');
      if (row.revokedAt) throw AppError.unauthorized('Refresh token revoked');
      if (row.rotatedAt) {
        // Revoke and commit, then refuse: throwing here would roll the revocation back.
        await this.revokeFamily(tx, row.familyId);
        this.log.warn({ userId: row.userId, familyId: row.familyId }, 'refresh token reuse: family revoked');
        return null;
      }
      if (row.expiresAt.getTime() <= Date.now()) throw AppError.unauthorized('Refresh token expired');
      const user = await tx.getRepository(UserEntity).findOneBy({ id: row.userId });
      if (!user || !user.active) throw AppError.unauthorized('User inactive or unknown');
      await tx.getRepository(RefreshTokenEntity).update({ id: row.id }, { rotatedAt: new Date() });
      return this.issueTokens(user, row.deviceId, row.familyId, tx);
    });
    if (!result) throw AppError.unauthorized('Refresh token reused; session revoked');
    return result;
  }

  /**
   * Revokes the refresh token's family. Either credential is enough: the refresh token itself (a
   * phone logging out after its access token expired offline) or a valid access token (then an
   * unknown or missing refresh token leaves nothing to revoke). Neither: UNAUTHORIZED.
   */
  async logout(refreshToken: string | undefined, authorization: string | undefined): Promise<void> {
    const parsed = refreshToken ? parseRefreshToken(refreshToken) : null;
    if (parsed) {
      const row = await this.db.getRepository(RefreshTokenEntity).findOneBy({ id: parsed.id });
      if (row && hashMatches(parsed.secret, row.tokenHash))
        return this.revokeFamily(this.db.manager, row.familyId);
    }
    if (!this.isValidAccessToken(authorization))
      throw AppError.unauthorized('A valid refresh token or access token is required');
  }

  private isValidAccessToken(authorization: string | undefined): boolean {
    const bearer = extractBearer(authorization);
    if (!bearer) return false;
    try {
      this.tokens.verifyAccess(bearer);
      return true;
    } catch {
      return false;
    }
  }

  async revokeAllOf(userId: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx
      .getRepository(RefreshTokenEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Ends every session of the user (password change, deactivation): refresh tokens revoked, access
   * tokens issued before refused (token epoch raised). Live sockets are cut by the caller's event,
   * which carries the new epoch returned here.
   */
  async endAllSessions(userId: string, tx: EntityManager): Promise<number> {
    const epoch = await raiseTokenEpoch(tx, userId);
    await this.revokeAllOf(userId, tx);
    return epoch;
  }

  private async revokeFamily(tx: EntityManager, familyId: string): Promise<void> {
    await tx
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** A fresh token pair in the user's current token epoch (read in `tx`, so after a raise in it). */
  async issueTokens(user: UserEntity, deviceId: string | null, familyId: string, tx: EntityManager) {
    const tokenEpoch = await tokenEpochOf(tx, user.id);
    const access = this.tokens.signAccess(
      { id: user.id, role: user.role, tokenEpoch },
      deviceId ?? undefined,
    );
    const refresh = newRefreshToken();
    await tx.getRepository(RefreshTokenEntity).insert({
      id: refresh.id,
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      deviceId,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_S * 1000),
    });
    const siteIds = await this.membership.siteIdsOf(user.id);
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresIn: access.expiresIn,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        active: user.active,
        siteIds,
      },
    };
  }
}
