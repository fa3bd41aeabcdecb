import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Rooms, TimerPoller, type DueTimer, type UnitOfWork } from '#realtime';
import { ShiftMissedEvent } from '../events/shift-missed.event.js';
import { ScheduledShifts } from '../persistence/scheduled-shift.repository.js';
import { Shifts } from '../persistence/shift.repository.js';

export const NO_SHOW_TIMER = 'shift_no_show';

/**
 * Fires SHIFT_NO_SHOW_GRACE_S after a planned start: `shift_missed` to the site staff unless the
 * guard clocked in for it (a linked clock-in, or any shift of the guard at that site overlapping
 * the planned hours, e.g. clocked in very early and still on shift).
 */
@Injectable()
export class NoShowTimer implements OnModuleInit {
  constructor(private readonly poller: TimerPoller) {}

  onModuleInit(): void {
    this.poller.register(NO_SHOW_TIMER, (uow, timer) => this.fire(uow, timer));
  }

  async fire(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const planned = await ScheduledShifts.find(uow.tx, timer.ref);
    if (!planned) return;
    if (await Shifts.covers(uow.tx, planned)) return;
    const appended = uow.append({
      type: 'shift_missed',
      siteId: planned.siteId,
      streams: [Rooms.siteStaff(planned.siteId)],
      data: { scheduledShift: planned },
    });
    uow.raise(new ShiftMissedEvent(planned), appended);
  }
}
