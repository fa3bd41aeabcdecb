import type { Envelope } from '#realtime';
import type { ShiftView } from '../persistence/shift.views.js';

/** A guard clocked out (committed). */
export class ShiftEndedEvent {
  constructor(
    readonly shift: ShiftView,
    readonly envelopes: Envelope[],
  ) {}
}
