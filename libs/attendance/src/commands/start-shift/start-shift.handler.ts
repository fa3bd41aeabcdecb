import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, AppError, SiteEntity } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { EARLY_CLOCK_IN_MS, insideGeofenceOf } from '../../domain/shift-rules.js';
import { ShiftStartedEvent } from '../../events/shift-started.event.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import { ScheduledShifts } from '../../persistence/scheduled-shift.repository.js';
import { Shifts } from '../../persistence/shift.repository.js';
import type { ShiftView } from '../../persistence/shift.views.js';
import { StartShiftCommand } from './start-shift.command.js';

/** `shift_start`: clock in at an assigned site, linked to the planned shift it fulfils. */
@CommandHandler(StartShiftCommand)
export class StartShiftHandler implements ICommandHandler<StartShiftCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
  ) {}

  async execute({ principal: me, dto, receivedAt }: StartShiftCommand): Promise<{ shift: ShiftView }> {
    if (!me.siteIds.includes(dto.siteId)) throw AppError.notFound('Site');
    const startedAt = actionTime(dto.recordedAt, receivedAt);
    const outcome = await this.runner.run(
      { principal: me, command: 'shift_start', clientEventId: dto.clientEventId },
      async (uow) => {
        const site = await uow.tx.getRepository(SiteEntity).findOneBy({ id: dto.siteId });
        if (!site) throw AppError.notFound('Site');
        await Shifts.lockGuard(uow.tx, me.userId);
        const active = await Shifts.findActive(uow.tx, me.userId);
        if (active)
          throw AppError.conflict('Already on shift', { shiftId: active.id, siteId: active.siteId });
        const overlapped = await Shifts.findEndingAfter(uow.tx, me.userId, startedAt);
        if (overlapped)
          throw AppError.conflict('The start overlaps an earlier shift of this guard', {
            shiftId: overlapped.id,
            startedAt: overlapped.startedAt,
            endedAt: overlapped.endedAt,
          });
        const planned = await ScheduledShifts.fulfilledBy(
          uow.tx,
          me.userId,
          dto.siteId,
          startedAt,
          EARLY_CLOCK_IN_MS,
        );
        const inside = insideGeofenceOf(dto.location, site.geofence);
        const id = await Shifts.insert(uow.tx, {
          guardId: me.userId,
          siteId: dto.siteId,
          scheduledShiftId: planned ?? null,
          startedAt,
          startedReceivedAt: receivedAt,
          startLocation: dto.location ? JSON.stringify(dto.location) : null,
          startInsideGeofence: inside,
        });
        if (planned) await this.timers.cancel(uow.tx, NO_SHOW_TIMER, planned);
        const shift = (await Shifts.find(uow.tx, id))!;
        const appended = uow.append({
          type: 'shift_started',
          siteId: dto.siteId,
          streams: [Rooms.siteStaff(dto.siteId), Rooms.user(me.userId)],
          data: { shift, insideGeofence: inside },
          occurredAt: startedAt,
        });
        uow.raise(new ShiftStartedEvent(shift), appended);
        return { shift };
      },
    );
    return outcome.result;
  }
}
