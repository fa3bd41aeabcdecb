import { CommittedEvent } from '#realtime';
import type { ShiftView } from '../persistence/shift.views.js';

/** A guard clocked in (committed). Tracking refreshes its active-shift cache from it. */
export class ShiftStartedEvent extends CommittedEvent {
  constructor(readonly shift: ShiftView) {
    super();
  }
}
