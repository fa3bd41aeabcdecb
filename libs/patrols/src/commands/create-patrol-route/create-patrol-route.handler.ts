import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, SiteEntity } from '#core';
import { CommandRunner } from '#realtime';
import { In } from 'typeorm';
import { CheckpointEntity } from '../../persistence/checkpoint.entity.js';
import { PatrolRouteEntity } from '../../persistence/patrol-route.entity.js';
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
      const found = await uow.tx
        .getRepository(CheckpointEntity)
        .countBy({ id: In(dto.checkpointIds), siteId: dto.siteId });
      if (found !== dto.checkpointIds.length)
        throw AppError.validation([
          {
            field: 'checkpointIds',
            constraints: { sameSite: 'every checkpoint must exist and belong to the route site' },
          },
        ]);
      const repo = uow.tx.getRepository(PatrolRouteEntity);
      const route = await repo.save(
        repo.create({
          siteId: dto.siteId,
          name: dto.name,
          checkpointIds: dto.checkpointIds,
          expectedDurationMinutes: dto.expectedDurationMinutes,
          maxGapMinutes: dto.maxGapMinutes,
          createdBy: principal.userId,
        }),
      );
      return (await this.views.routes(uow.tx, [route]))[0];
    });
    return outcome.result;
  }
}
