import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, AppError, isSiteStaff, SiteEntity } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { planOverlaps, scheduleProblem } from '../../domain/shift-rules.js';
import { ShiftScheduledEvent } from '../../events/shift-scheduled.event.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import { ScheduledShifts } from '../../persistence/scheduled-shift.repository.js';
import type { ScheduledShiftView } from '../../persistence/shift.views.js';
import { ScheduleShiftCommand } from './schedule-shift.command.js';

const invalid = (field: string, rule: string, message: string) =>
  AppError.validation([{ field, constraints: { [rule]: message } }]);

/** POST /shifts: plans a guard's shift at a site and arms its no-show deadline in the same commit. */
@CommandHandler(ScheduleShiftCommand)
export class ScheduleShiftHandler implements ICommandHandler<ScheduleShiftCommand> {
  constructor(
    private readonly config: AppConfig,
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
  ) {}

  async execute({ principal: me, dto }: ScheduleShiftCommand): Promise<ScheduledShiftView> {
    if (!isSiteStaff(me, dto.siteId)) throw AppError.notFound('Site');
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const problem = scheduleProblem(startsAt, endsAt);
    if (problem) throw invalid('endsAt', 'isAfterStart', problem);
    const outcome = await this.runner.run({ principal: me, command: 'schedule_shift' }, async (uow) => {
      if (!(await uow.tx.getRepository(SiteEntity).existsBy({ id: dto.siteId })))
        throw AppError.notFound('Site');
      const guard = await ScheduledShifts.lockGuardFor(uow.tx, dto.guardId, dto.siteId);
      if (!guard || guard.role !== 'guard' || !guard.active)
        throw invalid('guardId', 'isGuard', 'guardId must be an active guard');
      if (!guard.assigned) throw invalid('guardId', 'isAssigned', 'the guard is not assigned to this site');
      const overlap = await ScheduledShifts.overlapping(uow.tx, dto.guardId, startsAt, endsAt);
      if (overlap) throw planOverlaps(overlap);
      const id = await ScheduledShifts.insert(uow.tx, {
        guardId: dto.guardId,
        siteId: dto.siteId,
        startsAt,
        endsAt,
        createdBy: me.userId,
      });
      const dueAt = new Date(startsAt.getTime() + this.config.SHIFT_NO_SHOW_GRACE_S * 1000);
      await this.timers.schedule(uow.tx, NO_SHOW_TIMER, id, dueAt, { siteId: dto.siteId });
      const scheduledShift = (await ScheduledShifts.find(uow.tx, id))!;
      const appended = uow.append({
        type: 'shift_scheduled',
        siteId: dto.siteId,
        streams: [Rooms.siteStaff(dto.siteId), Rooms.user(dto.guardId)],
        data: { scheduledShift },
      });
      uow.raise(new ShiftScheduledEvent(scheduledShift), appended);
      return scheduledShift;
    });
    return outcome.result;
  }
}
