import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, type Principal } from '#core';
import { CommandRunner } from '#realtime';
import type { EntityManager } from 'typeorm';
import type { CheckpointEntity } from '../../persistence/checkpoint.entity.js';
import { Checkpoints } from '../../persistence/checkpoint.repository.js';
import { PatrolRoutes } from '../../persistence/patrol-route.repository.js';
import { PatrolRuns } from '../../persistence/patrol-run.repository.js';
import { isUniqueViolation } from '../../persistence/unique-violation.js';
import { checkpointView, type CheckpointView } from '../../queries/patrol-views.js';
import { assertSiteStaff } from '../../queries/site-access.js';
import { DeleteCheckpointCommand, UpdateCheckpointCommand } from './change-checkpoint.commands.js';

/** The checkpoint, row-locked, if the caller is staff of its site. */
async function lockCheckpoint(tx: EntityManager, me: Principal, id: string): Promise<CheckpointEntity> {
  const cp = await Checkpoints.lock(tx, id);
  if (!cp) throw AppError.notFound('Checkpoint');
  assertSiteStaff(me, cp.siteId);
  return cp;
}

const codeTaken = (code: string) =>
  AppError.conflict('A checkpoint of this site already has this code', { field: 'code', code });

/**
 * New name, code, position or radius. Scans are classified against the checkpoint as it is when
 * they arrive, so a run in progress sees the change at once (a moved tag, a reprinted code).
 */
@CommandHandler(UpdateCheckpointCommand)
export class UpdateCheckpointHandler implements ICommandHandler<UpdateCheckpointCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal, checkpointId, dto }: UpdateCheckpointCommand): Promise<CheckpointView> {
    try {
      const outcome = await this.runner.run({ principal, command: 'update_checkpoint' }, async (uow) => {
        const cp = await lockCheckpoint(uow.tx, principal, checkpointId);
        if (
          dto.code !== undefined &&
          dto.code !== cp.code &&
          (await Checkpoints.codeTaken(uow.tx, cp.siteId, dto.code))
        )
          throw codeTaken(dto.code);
        if (dto.name !== undefined) cp.name = dto.name;
        if (dto.code !== undefined) cp.code = dto.code;
        if (dto.location !== undefined) cp.location = { lat: dto.location.lat, lng: dto.location.lng };
        if (dto.radiusM !== undefined) cp.radiusM = dto.radiusM;
        return checkpointView(await Checkpoints.save(uow.tx, cp));
      });
      return outcome.result;
    } catch (e) {
      if (isUniqueViolation(e)) throw codeTaken(dto.code ?? '');
      throw e;
    }
  }
}

/** Refused with CONFLICT while a route lists the checkpoint or a patrol run (history included) does. */
@CommandHandler(DeleteCheckpointCommand)
export class DeleteCheckpointHandler implements ICommandHandler<DeleteCheckpointCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal, checkpointId: id }: DeleteCheckpointCommand): Promise<void> {
    await this.runner.run({ principal, command: 'delete_checkpoint' }, async (uow) => {
      await lockCheckpoint(uow.tx, principal, id);
      const routeIds = await PatrolRoutes.listing(uow.tx, id);
      if (routeIds.length)
        throw AppError.conflict('Patrol routes use this checkpoint: edit them first', { routeIds });
      const runId = await PatrolRuns.anyRecording(uow.tx, id);
      if (runId)
        throw AppError.conflict('Patrol runs record this checkpoint; it stays for their history', {
          patrolRunId: runId,
        });
      await Checkpoints.remove(uow.tx, id);
    });
  }
}
