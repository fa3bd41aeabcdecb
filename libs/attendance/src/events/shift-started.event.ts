import type { Envelope } from '#realtime';
import type { ShiftView } from '../persistence/shift.views.js';

/** A guard clocked in (committed). Tracking refreshes its active-shift cache from it. */
export class ShiftStartedEvent {
  constructor(
    readonly shift: ShiftView,
    readonly envelopes: Envelope[],
  ) {}
}
