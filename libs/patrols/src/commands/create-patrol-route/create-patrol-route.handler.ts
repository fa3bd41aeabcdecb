import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SiteEntity } from '#core';
import { CommandRunner } from '#realtime';
import { assertCheckpointsOfSite } from '../route-checkpoints.js';
import { PatrolRoutes } from '../../persistence/patrol-route.repository.js';
import { PatrolViews, type PatrolRouteView } from '../../queries/patrol-views.js';
import { assertSiteStaff } from '../../queries/site-access.js';
import { CreatePatrolRouteCommand } from './create-patrol-route.command.js';

@CommandHandler(CreatePatrolRouteCommand)
export class CreatePatrolRouteHandler implements ICommandHandler<CreatePatrolRouteCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly views: PatrolViews,
  ) {}

  async execute({ principal, dto }: CreatePatrolRouteCommand): Promise<PatrolRouteView> {
    const outcome = await this.runner.run({ principal, command: 'create_patrol_route' }, async (uow) => {
      const site = await uow.tx.getRepository(SiteEntity).findOneBy({ id: dto.siteId });
      assertSiteStaff(principal, site?.id ?? null);
      await assertCheckpointsOfSite(uow.tx, dto.checkpointIds, dto.siteId);
      const route = await PatrolRoutes.insert(uow.tx, {
        siteId: dto.siteId,
        name: dto.name,
        checkpointIds: dto.checkpointIds,
        expectedDurationMinutes: dto.expectedDurationMinutes,
        maxGapMinutes: dto.maxGapMinutes,
        createdBy: principal.userId,
      });
      return (await this.views.routes(uow.tx, [route]))[0];
    });
    return outcome.result;
  }
}
