import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, AppError, isSiteStaff, SiteEntity } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { scheduleProblem } from '../../domain/shift-rules.js';
import { ShiftScheduledEvent } from '../../events/shift-scheduled.event.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import { findScheduled, type ScheduledShiftView } from '../../persistence/shift.repository.js';
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
      const [guard] = (await uow.tx.query(
        `SELECT u.role, u.active, (a.user_id IS NOT NULL) AS assigned FROM users u
           LEFT JOIN site_assignments a ON a.user_id = u.id AND a.site_id = $2 WHERE u.id = $1 FOR UPDATE OF u`,
        [dto.guardId, dto.siteId],
      )) as { role: string; active: boolean; assigned: boolean }[];
      if (!guard || guard.role !== 'guard' || !guard.active)
        throw invalid('guardId', 'isGuard', 'guardId must be an active guard');
      if (!guard.assigned) throw invalid('guardId', 'isAssigned', 'the guard is not assigned to this site');
      const overlap = (await uow.tx.query(
        'SELECT id FROM scheduled_shifts WHERE guard_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1',
        [dto.guardId, startsAt, endsAt],
      )) as { id: string }[];
      if (overlap.length)
        throw AppError.conflict('The guard already has a shift planned at that time', {
          scheduledShiftId: overlap[0].id,
        });
      const [{ id }] = (await uow.tx.query(
        `INSERT INTO scheduled_shifts (guard_id, site_id, starts_at, ends_at, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.guardId, dto.siteId, startsAt, endsAt, me.userId],
      )) as { id: string }[];
      const dueAt = new Date(startsAt.getTime() + this.config.SHIFT_NO_SHOW_GRACE_S * 1000);
      await this.timers.schedule(uow.tx, NO_SHOW_TIMER, id, dueAt, { siteId: dto.siteId });
      const scheduledShift = (await findScheduled(uow.tx, id))!;
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
