import { CommittedEvent } from '#realtime';
import type { ShiftView } from '../persistence/shift.views.js';

/** A guard clocked out (committed). */
export class ShiftEndedEvent extends CommittedEvent {
  constructor(readonly shift: ShiftView) {
    super();
  }
}
