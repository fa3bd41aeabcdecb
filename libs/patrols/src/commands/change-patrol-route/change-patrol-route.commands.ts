import { OmitType, PartialType } from '@nestjs/swagger';
import type { Principal } from '#core';
import { CreatePatrolRouteDto } from '../create-patrol-route/create-patrol-route.dto.js';

/** Any of a route's fields but its site; the checks are those of creating one. */
export class UpdatePatrolRouteDto extends PartialType(OmitType(CreatePatrolRouteDto, ['siteId'] as const)) {}

/** PATCH /patrol-routes/:id */
export class UpdatePatrolRouteCommand {
  constructor(
    readonly principal: Principal,
    readonly routeId: string,
    readonly dto: UpdatePatrolRouteDto,
  ) {}
}

/** DELETE /patrol-routes/:id */
export class DeletePatrolRouteCommand {
  constructor(
    readonly principal: Principal,
    readonly routeId: string,
  ) {}
}
