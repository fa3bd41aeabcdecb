import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, type Role } from '#core';
import type { PsSocket } from '../session/socket-session.js';

const WS_ROLES = 'ps:ws-roles';
/** Restricts a socket command to these roles (site-level checks stay in the command handler). */
export const WsRoles = (...roles: Role[]): MethodDecorator => SetMetadata(WS_ROLES, roles);

@Injectable()
export class WsRolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const socket = ctx.switchToWs().getClient<PsSocket>();
    const principal = socket.data?.principal;
    if (!principal) throw AppError.unauthorized();
    const roles = this.reflector.get<Role[] | undefined>(WS_ROLES, ctx.getHandler());
    if (roles?.length && !roles.includes(principal.role))
      throw AppError.forbidden(`Only ${roles.join(' or ')} can do this`, { role: principal.role });
    return true;
  }
}
