import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { PatrolRouteView } from '../../queries/patrol-views.js';
import type { CreatePatrolRouteDto } from './create-patrol-route.dto.js';

export class CreatePatrolRouteCommand extends Command<PatrolRouteView> {
  constructor(
    readonly principal: Principal,
    readonly dto: CreatePatrolRouteDto,
  ) {
    super();
  }
}
