import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, AppError } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { planOverlaps, scheduleProblem } from '../../domain/shift-rules.js';
import { ShiftRescheduledEvent, ShiftUnscheduledEvent } from '../../events/shift-changed.events.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import { ScheduledShifts } from '../../persistence/scheduled-shift.repository.js';
import type { ScheduledShiftView } from '../../persistence/shift.views.js';
import { RescheduleShiftCommand, UnscheduleShiftCommand } from './change-scheduled-shift.command.js';
import { lockChangeablePlan } from './planned-shift-lock.js';

/** New times, the same checks as planning it (end after start, no overlap), and the no-show deadline moved. */
@CommandHandler(RescheduleShiftCommand)
export class RescheduleShiftHandler implements ICommandHandler<RescheduleShiftCommand> {
  constructor(
    private readonly config: AppConfig,
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
  ) {}

  async execute({
    principal: me,
    scheduledShiftId: id,
    dto,
  }: RescheduleShiftCommand): Promise<ScheduledShiftView> {
    const outcome = await this.runner.run({ principal: me, command: 'reschedule_shift' }, async (uow) => {
      const plan = await lockChangeablePlan(uow.tx, me, id);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : plan.startsAt;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : plan.endsAt;
      const problem = scheduleProblem(startsAt, endsAt);
      if (problem) throw AppError.validation([{ field: 'endsAt', constraints: { isAfterStart: problem } }]);
      const overlap = await ScheduledShifts.overlapping(uow.tx, plan.guardId, startsAt, endsAt, id);
      if (overlap) throw planOverlaps(overlap);
      await ScheduledShifts.reschedule(uow.tx, id, startsAt, endsAt);
      const dueAt = new Date(startsAt.getTime() + this.config.SHIFT_NO_SHOW_GRACE_S * 1000);
      await this.timers.schedule(uow.tx, NO_SHOW_TIMER, id, dueAt, { siteId: plan.siteId });
      const scheduledShift = (await ScheduledShifts.find(uow.tx, id))!;
      const appended = uow.append({
        type: 'shift_rescheduled',
        siteId: plan.siteId,
        streams: [Rooms.siteStaff(plan.siteId), Rooms.user(plan.guardId)],
        data: { scheduledShift },
      });
      uow.raise(new ShiftRescheduledEvent(), appended);
      return scheduledShift;
    });
    return outcome.result;
  }
}

/** Removes the plan and its no-show deadline; the site staff and the guard hear `shift_unscheduled`. */
@CommandHandler(UnscheduleShiftCommand)
export class UnscheduleShiftHandler implements ICommandHandler<UnscheduleShiftCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
  ) {}

  async execute({ principal: me, scheduledShiftId: id }: UnscheduleShiftCommand): Promise<void> {
    await this.runner.run({ principal: me, command: 'unschedule_shift' }, async (uow) => {
      const plan = await lockChangeablePlan(uow.tx, me, id);
      await this.timers.cancel(uow.tx, NO_SHOW_TIMER, id);
      await ScheduledShifts.remove(uow.tx, id);
      const appended = uow.append({
        type: 'shift_unscheduled',
        siteId: plan.siteId,
        streams: [Rooms.siteStaff(plan.siteId), Rooms.user(plan.guardId)],
        data: { scheduledShiftId: id, guardId: plan.guardId, siteId: plan.siteId },
      });
      uow.raise(new ShiftUnscheduledEvent(), appended);
    });
  }
}
