import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, AppError } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { scheduleProblem } from '../../domain/shift-rules.js';
import { ShiftRescheduledEvent, ShiftUnscheduledEvent } from '../../events/shift-changed.events.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import { findScheduled, type ScheduledShiftView } from '../../persistence/shift.repository.js';
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
      const [overlap] = (await uow.tx.query(
        'SELECT id FROM scheduled_shifts WHERE guard_id = $1 AND id <> $4 AND starts_at < $3 AND ends_at > $2 LIMIT 1',
        [plan.guardId, startsAt, endsAt, id],
      )) as { id: string }[];
      if (overlap)
        throw AppError.conflict('The guard already has a shift planned at that time', {
          scheduledShiftId: overlap.id,
        });
      await uow.tx.query('UPDATE scheduled_shifts SET starts_at = $2, ends_at = $3 WHERE id = $1', [
        id,
        startsAt,
        endsAt,
      ]);
      const dueAt = new Date(startsAt.getTime() + this.config.SHIFT_NO_SHOW_GRACE_S * 1000);
      await this.timers.schedule(uow.tx, NO_SHOW_TIMER, id, dueAt, { siteId: plan.siteId });
      const scheduledShift = (await findScheduled(uow.tx, id))!;
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
      await uow.tx.query('DELETE FROM scheduled_shifts WHERE id = $1', [id]);
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
