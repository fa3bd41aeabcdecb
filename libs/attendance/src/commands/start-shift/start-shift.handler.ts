import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, AppError, SiteEntity } from '#core';
import { CommandRunner, Rooms, TimerService } from '#realtime';
import { EARLY_CLOCK_IN_MS, insideGeofenceOf } from '../../domain/shift-rules.js';
import { ShiftStartedEvent } from '../../events/shift-started.event.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import {
  findActiveShift,
  findShift,
  findShiftEndingAfter,
  lockGuard,
  type ShiftView,
} from '../../persistence/shift.repository.js';
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
        await lockGuard(uow.tx, me.userId);
        const active = await findActiveShift(uow.tx, me.userId);
        if (active)
          throw AppError.conflict('Already on shift', { shiftId: active.id, siteId: active.siteId });
        const overlapped = await findShiftEndingAfter(uow.tx, me.userId, startedAt);
        if (overlapped)
          throw AppError.conflict('The start overlaps an earlier shift of this guard', {
            shiftId: overlapped.id,
            startedAt: overlapped.startedAt,
            endedAt: overlapped.endedAt,
          });
        const [planned] = (await uow.tx.query(
          `SELECT id FROM scheduled_shifts WHERE guard_id = $1 AND site_id = $2
             AND starts_at - $4 * interval '1 millisecond' <= $3 AND ends_at > $3
           ORDER BY abs(extract(epoch FROM starts_at - $3)) LIMIT 1`,
          [me.userId, dto.siteId, startedAt, EARLY_CLOCK_IN_MS],
        )) as { id: string }[];
        const inside = insideGeofenceOf(dto.location, site.geofence);
        const [{ id }] = (await uow.tx.query(
          `INSERT INTO shifts (guard_id, site_id, scheduled_shift_id, started_at, started_received_at,
             start_location, start_inside_geofence) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [
            me.userId,
            dto.siteId,
            planned?.id ?? null,
            startedAt,
            receivedAt,
            dto.location ? JSON.stringify(dto.location) : null,
            inside,
          ],
        )) as { id: string }[];
        if (planned) await this.timers.cancel(uow.tx, NO_SHOW_TIMER, planned.id);
        const shift = (await findShift(uow.tx, id))!;
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
