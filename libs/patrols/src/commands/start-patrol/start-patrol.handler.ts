import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ActiveShifts } from '#attendance';
import { AppConfig, AppError } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { gapDeadline, overdueDeadline } from '../../domain/patrol-deadlines.js';
import { PatrolStartedEvent } from '../../events/patrol-started.event.js';
import { PatrolEventTypes, PatrolTimers } from '../../patrols.constants.js';
import { PatrolRoutes } from '../../persistence/patrol-route.repository.js';
import { PatrolRuns } from '../../persistence/patrol-run.repository.js';
import { isUniqueViolation } from '../../persistence/unique-violation.js';
import { PatrolViews, type PatrolRunView } from '../../queries/patrol-views.js';
import { PatrolRunEnder } from '../patrol-run-ender.js';
import { StartPatrolCommand } from './start-patrol.command.js';

const ONE_ACTIVE = 'patrol_runs_one_active_per_guard';

@CommandHandler(StartPatrolCommand)
export class StartPatrolHandler implements ICommandHandler<StartPatrolCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
    private readonly views: PatrolViews,
    private readonly ender: PatrolRunEnder,
    private readonly config: AppConfig,
  ) {}

  async execute({
    principal: me,
    dto,
    receivedAt,
  }: StartPatrolCommand): Promise<{ patrolRun: PatrolRunView }> {
    const ctx = { principal: me, command: 'start_patrol', clientEventId: dto.clientEventId };
    const outcome = await this.runner
      .run(ctx, async (uow) => {
        const route = await PatrolRoutes.find(uow.tx, dto.routeId);
        if (!route) throw AppError.notFound('Patrol route');
        if (!me.siteIds.includes(route.siteId))
          throw AppError.forbidden('You are not assigned to the site of this route', {
            reason: 'NOT_ASSIGNED',
          });
        const shift = await ActiveShifts.ofGuard(uow.tx, me.userId);
        if (shift?.siteId !== route.siteId)
          throw AppError.forbidden('Start a shift at this site first', { reason: 'NOT_ON_SHIFT' });
        // a run left in progress by an earlier shift (clocked out before its end was recorded) ends
        // now; one of this shift is the guard's to finish first
        const active = await PatrolRuns.lockActiveOf(uow.tx, me.userId);
        if (active && !(await this.ender.endIfShiftEnded(uow, active))) throw alreadyActive(active.id);
        const now = receivedAt;
        const run = await PatrolRuns.insert(uow.tx, {
          routeId: route.id,
          siteId: route.siteId,
          guardId: me.userId,
          shiftId: shift!.id,
          status: 'IN_PROGRESS',
          checkpointIds: route.checkpointIds,
          scannedIds: [],
          expectedDurationMinutes: route.expectedDurationMinutes,
          maxGapMinutes: route.maxGapMinutes,
          startedAt: now,
          lastProgressAt: now,
        });
        const minuteMs = this.config.PATROL_MINUTE_MS;
        await this.timers.schedule(
          uow.tx,
          PatrolTimers.gap,
          run.id,
          gapDeadline(now, run.maxGapMinutes, minuteMs),
        );
        await this.timers.schedule(
          uow.tx,
          PatrolTimers.overdue,
          run.id,
          overdueDeadline(now, run.expectedDurationMinutes, minuteMs),
        );
        const patrolRun = await this.views.run(uow.tx, run);
        const appended = uow.append({
          type: PatrolEventTypes.started,
          siteId: run.siteId,
          streams: [Rooms.siteStaff(run.siteId), Rooms.user(me.userId)],
          data: { patrolRun },
          occurredAt: now,
        });
        uow.raise(new PatrolStartedEvent(run.id), appended);
        return { patrolRun };
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e, ONE_ACTIVE)) throw alreadyActive(null);
        throw e;
      });
    return outcome.result;
  }
}

const alreadyActive = (patrolRunId: string | null) =>
  AppError.conflict('You already have a patrol in progress', { patrolRunId });
