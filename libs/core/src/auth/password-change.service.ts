import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PasswordChangedEvent } from '../accounts/events/password-changed.event.js';
import { UserEntity } from '../accounts/user.entity.js';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import type { Principal } from './principal.js';

const WINDOW_MS = 15 * 60_000;

/** `POST /me/password`: a user changes their own password and keeps only the calling session. */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly events: EventBus,
  ) {}

  async changeOwn(me: Principal, currentPassword: string, newPassword: string) {
    // guessing the current password through a stolen access token is bounded like a login
    const gate = await this.limiter.hit(
      `password:${me.userId}`,
      this.config.LOGIN_ATTEMPTS_PER_15_MIN,
      WINDOW_MS,
    );
    if (!gate.allowed) throw AppError.rateLimited(gate.retryAfterMs);
    if (currentPassword === newPassword)
      throw AppError.validation([
        { field: 'newPassword', constraints: { differs: 'newPassword must differ from currentPassword' } },
      ]);
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: me.userId })
      .getOne();
    if (!user?.active || !(await this.hasher.verify(user.passwordHash, currentPassword)))
      throw AppError.unauthorized('The current password is not correct');
    const passwordHash = await this.hasher.hash(newPassword);
    const { tokens, epoch } = await this.db.transaction(async (tx) => {
      await tx.getRepository(UserEntity).update({ id: me.userId }, { passwordHash });
      const raised = await this.auth.endAllSessions(me.userId, tx);
      return {
        tokens: await this.auth.issueTokens(user, me.deviceId ?? null, randomUUID(), tx),
        epoch: raised,
      };
    });
    // The caller's new tokens carry the new epoch, so its next socket is not cut by this.
    this.events.publish(new PasswordChangedEvent(me.userId, epoch));
    return tokens;
  }
}
