import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, SiteEntity } from '#core';
import { CommandRunner } from '#realtime';
import { Checkpoints } from '../../persistence/checkpoint.repository.js';
import { isUniqueViolation } from '../../persistence/unique-violation.js';
import { checkpointView, type CheckpointView } from '../../queries/patrol-views.js';
import { assertSiteStaff } from '../../queries/site-access.js';
import { CreateCheckpointCommand } from './create-checkpoint.command.js';

export const DEFAULT_CHECKPOINT_RADIUS_M = 30;

@CommandHandler(CreateCheckpointCommand)
export class CreateCheckpointHandler implements ICommandHandler<CreateCheckpointCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal, siteId, dto }: CreateCheckpointCommand): Promise<CheckpointView> {
    try {
      const outcome = await this.runner.run({ principal, command: 'create_checkpoint' }, async (uow) => {
        const site = await uow.tx.getRepository(SiteEntity).findOneBy({ id: siteId });
        assertSiteStaff(principal, site?.id ?? null);
        if (await Checkpoints.codeTaken(uow.tx, siteId, dto.code)) throw codeTaken(dto.code);
        const saved = await Checkpoints.insert(uow.tx, {
          siteId,
          name: dto.name,
          code: dto.code,
          location: { lat: dto.location.lat, lng: dto.location.lng },
          radiusM: dto.radiusM ?? DEFAULT_CHECKPOINT_RADIUS_M,
        });
        return checkpointView(saved);
      });
      return outcome.result;
    } catch (e) {
      if (isUniqueViolation(e)) throw codeTaken(dto.code);
      throw e;
    }
  }
}

const codeTaken = (code: string) =>
  AppError.conflict('A checkpoint of this site already has this code', { field: 'code', code });
