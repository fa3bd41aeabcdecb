import { CommittedEvent } from '#realtime';
import type { ScheduledShiftView } from '../persistence/shift.views.js';

/** A planned shift's no-show grace passed without a clock-in: `shift_missed` to the site staff. */
export class ShiftMissedEvent extends CommittedEvent {
  constructor(readonly scheduledShift: ScheduledShiftView) {
    super();
  }
}
