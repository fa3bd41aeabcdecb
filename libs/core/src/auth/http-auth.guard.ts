import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { MembershipService } from '../accounts/membership.service.js';
import type { Role } from '../accounts/role.js';
import { AppError } from '../errors/app-error.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import type { Principal } from './principal.js';
import { epochOf, extractBearer, TokenError, TokenService } from './token.service.js';

/**
 * The global HTTP guard: every route needs a valid access token of an active user unless marked
 * @Public(); @Authenticated(...roles) narrows the roles. Deny by default.
 */
@Injectable()
export class HttpAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly membership: MembershipService,
  ) {}

  /**
   * Sockets authenticate once, at the handshake (HandshakeService); as a global guard this one also
   * runs for every socket command, and answers those synchronously: no promise per command.
   */
  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    return ctx.getType() === 'http' ? this.authenticate(ctx) : true;
  }

  private async authenticate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = extractBearer(req.headers.authorization);
    if (!token) throw AppError.unauthorized('Bearer access token required');
    let claims;
    try {
      claims = this.tokens.verifyAccess(token);
    } catch (e) {
      throw AppError.unauthorized(
        e instanceof TokenError && e.reason === 'AUTH_EXPIRED' ? 'Token expired' : 'Token invalid',
      );
    }
    const member = await this.membership.load(claims.sub);
    if (!member || !member.active) throw AppError.unauthorized('User inactive or unknown');
    if (epochOf(claims) !== member.tokenEpoch)
      throw AppError.unauthorized('Token revoked (the password changed); sign in again');
    req.principal = {
      userId: member.userId,
      role: member.role,
      name: member.name,
      siteIds: member.siteIds,
      deviceId: claims.did,
    };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (roles.length && !roles.includes(member.role))
      throw AppError.forbidden(`Requires role ${roles.join(' or ')}`);
    return true;
  }
}
