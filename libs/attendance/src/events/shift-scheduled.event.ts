import { CommittedEvent } from '#realtime';
import type { ScheduledShiftView } from '../persistence/shift.views.js';

/** A shift was planned (committed): the site staff and the guard are told (`shift_scheduled`). */
export class ShiftScheduledEvent extends CommittedEvent {
  constructor(readonly scheduledShift: ScheduledShiftView) {
    super();
  }
}
