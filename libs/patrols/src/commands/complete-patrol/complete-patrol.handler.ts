import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { remainingOf } from '../../domain/patrol-run.js';
import { PatrolCompletedEvent } from '../../events/patrol-completed.event.js';
import { PATROL_TIMER_KINDS, PatrolEventTypes } from '../../patrols.constants.js';
import { PatrolViews, type PatrolRunView } from '../../queries/patrol-views.js';
import { lockOwnRunInProgress } from '../own-run.js';
import { CompletePatrolCommand } from './complete-patrol.command.js';

/** Ends a run: the checkpoints not visited are reported as skipped and its deadlines are cancelled. */
@CommandHandler(CompletePatrolCommand)
export class CompletePatrolHandler implements ICommandHandler<CompletePatrolCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
    private readonly views: PatrolViews,
    private readonly events: EventBus,
  ) {}

  async execute({ principal: me, dto }: CompletePatrolCommand): Promise<{ patrolRun: PatrolRunView }> {
    const ctx = { principal: me, command: 'complete_patrol', clientEventId: dto.clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const run = await lockOwnRunInProgress(uow.tx, me, dto.patrolRunId);
      run.status = 'COMPLETED';
      run.completedAt = new Date();
      run.skippedIds = remainingOf(run);
      await uow.tx.query(
        `UPDATE patrol_runs SET status = $2, completed_at = $3, skipped_ids = $4 WHERE id = $1`,
        [run.id, run.status, run.completedAt, run.skippedIds],
      );
      await this.timers.cancelAll(uow.tx, run.id, PATROL_TIMER_KINDS);
      const patrolRun = await this.views.run(uow.tx, run);
      uow.append({
        type: PatrolEventTypes.completed,
        siteId: run.siteId,
        streams: [Rooms.siteStaff(run.siteId), Rooms.user(run.guardId)],
        data: { patrolRun },
        occurredAt: run.completedAt,
      });
      return { patrolRun };
    });
    this.events.publish(new PatrolCompletedEvent(dto.patrolRunId, outcome.envelopes));
    return outcome.result;
  }
}
