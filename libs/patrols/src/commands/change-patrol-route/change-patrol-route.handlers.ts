import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, type Principal } from '#core';
import { CommandRunner } from '#realtime';
import type { EntityManager } from 'typeorm';
import { assertCheckpointsOfSite } from '../route-checkpoints.js';
import type { PatrolRouteEntity } from '../../persistence/patrol-route.entity.js';
import { PatrolRoutes } from '../../persistence/patrol-route.repository.js';
import { PatrolRuns } from '../../persistence/patrol-run.repository.js';
import { PatrolViews, type PatrolRouteView } from '../../queries/patrol-views.js';
import { assertSiteStaff } from '../../queries/site-access.js';
import { DeletePatrolRouteCommand, UpdatePatrolRouteCommand } from './change-patrol-route.commands.js';

async function lockRoute(tx: EntityManager, me: Principal, id: string): Promise<PatrolRouteEntity> {
  const route = await PatrolRoutes.lock(tx, id);
  if (!route) throw AppError.notFound('Patrol route');
  assertSiteStaff(me, route.siteId);
  return route;
}

/**
 * New name, checkpoints or timings. A run copies its route's checkpoints and timings when it
 * starts, so runs in progress finish as they began; the next run uses the edited route.
 */
@CommandHandler(UpdatePatrolRouteCommand)
export class UpdatePatrolRouteHandler implements ICommandHandler<UpdatePatrolRouteCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly views: PatrolViews,
  ) {}

  async execute({ principal, routeId, dto }: UpdatePatrolRouteCommand): Promise<PatrolRouteView> {
    const outcome = await this.runner.run({ principal, command: 'update_patrol_route' }, async (uow) => {
      const route = await lockRoute(uow.tx, principal, routeId);
      if (dto.checkpointIds !== undefined) {
        await assertCheckpointsOfSite(uow.tx, dto.checkpointIds, route.siteId);
        route.checkpointIds = dto.checkpointIds;
      }
      if (dto.name !== undefined) route.name = dto.name;
      if (dto.expectedDurationMinutes !== undefined)
        route.expectedDurationMinutes = dto.expectedDurationMinutes;
      if (dto.maxGapMinutes !== undefined) route.maxGapMinutes = dto.maxGapMinutes;
      const saved = await PatrolRoutes.save(uow.tx, route);
      return (await this.views.routes(uow.tx, [saved]))[0];
    });
    return outcome.result;
  }
}

/** Refused with CONFLICT once the route has runs: deleting it would delete their history (cascade). */
@CommandHandler(DeletePatrolRouteCommand)
export class DeletePatrolRouteHandler implements ICommandHandler<DeletePatrolRouteCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal, routeId: id }: DeletePatrolRouteCommand): Promise<void> {
    await this.runner.run({ principal, command: 'delete_patrol_route' }, async (uow) => {
      await lockRoute(uow.tx, principal, id);
      const run = await PatrolRuns.anyOfRoute(uow.tx, id);
      if (run)
        throw AppError.conflict('Patrol runs were made on this route; it stays for their history', {
          patrolRunId: run.id,
          status: run.status,
        });
      await PatrolRoutes.remove(uow.tx, id);
    });
  }
}
