import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import type { PatrolRunView } from '../../queries/patrol-views.js';
import { PatrolRunEnder } from '../patrol-run-ender.js';
import { lockOwnRunInProgress } from '../own-run.js';
import { CompletePatrolCommand } from './complete-patrol.command.js';

/** Ends a run: the checkpoints not visited are reported as skipped and its deadlines are cancelled. */
@CommandHandler(CompletePatrolCommand)
export class CompletePatrolHandler implements ICommandHandler<CompletePatrolCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly ender: PatrolRunEnder,
  ) {}

  async execute({
    principal: me,
    dto,
    receivedAt,
  }: CompletePatrolCommand): Promise<{ patrolRun: PatrolRunView }> {
    const ctx = { principal: me, command: 'complete_patrol', clientEventId: dto.clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const run = await lockOwnRunInProgress(uow.tx, me, dto.patrolRunId);
      return { patrolRun: await this.ender.end(uow, run, 'GUARD', receivedAt) };
    });
    return outcome.result;
  }
}
