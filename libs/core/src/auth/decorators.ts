import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '../accounts/role.js';
import { ErrorResponseDto } from '../http/error-response.dto.js';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'ps:public';
export const ROLES_KEY = 'ps:roles';

/** The route needs no token (login, refresh, health). Everything else requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The route needs a valid access token and, when roles are given, one of them. */
export const Authenticated = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      type: ErrorResponseDto,
      description: 'Missing, invalid or expired token (UNAUTHORIZED)',
    }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Role or site not allowed (FORBIDDEN)' }),
  );

/** The authenticated principal of an HTTP request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
