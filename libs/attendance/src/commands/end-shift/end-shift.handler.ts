import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, AppError, SiteEntity } from '#core';
import { CommandRunner, Rooms } from '#realtime';
import { endTimeProblem, insideGeofenceOf } from '../../domain/shift-rules.js';
import { ShiftEndedEvent } from '../../events/shift-ended.event.js';
import { Shifts } from '../../persistence/shift.repository.js';
import type { ShiftView } from '../../persistence/shift.views.js';
import { EndShiftCommand } from './end-shift.command.js';

/** `shift_end`: clock out of the active shift (optionally named by id). */
@CommandHandler(EndShiftCommand)
export class EndShiftHandler implements ICommandHandler<EndShiftCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, dto, receivedAt }: EndShiftCommand): Promise<{ shift: ShiftView }> {
    const endedAt = actionTime(dto.recordedAt, receivedAt);
    const outcome = await this.runner.run(
      { principal: me, command: 'shift_end', clientEventId: dto.clientEventId },
      async (uow) => {
        await Shifts.lockGuard(uow.tx, me.userId);
        const active = await Shifts.findActive(uow.tx, me.userId);
        if (dto.shiftId && dto.shiftId !== active?.id) {
          const named = await Shifts.find(uow.tx, dto.shiftId);
          if (!named || named.guardId !== me.userId) throw AppError.notFound('Shift');
          throw AppError.conflict('This shift has already ended', { shiftId: named.id });
        }
        if (!active) throw AppError.conflict('Not on shift', { reason: 'NOT_ON_SHIFT' });
        const problem = endTimeProblem(new Date(active.startedAt), endedAt);
        if (problem)
          throw AppError.validation([{ field: 'recordedAt', constraints: { isAfterStart: problem } }]);
        const site = await uow.tx.getRepository(SiteEntity).findOneBy({ id: active.siteId });
        const inside = insideGeofenceOf(dto.location, site?.geofence ?? null);
        await Shifts.saveEnd(uow.tx, active.id, {
          endedAt,
          endedReceivedAt: receivedAt,
          endLocation: dto.location ? JSON.stringify(dto.location) : null,
          endInsideGeofence: inside,
        });
        const shift = (await Shifts.find(uow.tx, active.id))!;
        const appended = uow.append({
          type: 'shift_ended',
          siteId: shift.siteId,
          streams: [Rooms.siteStaff(shift.siteId), Rooms.user(me.userId)],
          data: { shift, insideGeofence: inside },
          occurredAt: endedAt,
        });
        uow.raise(new ShiftEndedEvent(shift), appended);
        return { shift };
      },
    );
    return outcome.result;
  }
}
