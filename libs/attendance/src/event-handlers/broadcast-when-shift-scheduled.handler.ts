import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import { ShiftRescheduledEvent, ShiftUnscheduledEvent } from '../events/shift-changed.events.js';
import { ShiftMissedEvent } from '../events/shift-missed.event.js';
import { ShiftScheduledEvent } from '../events/shift-scheduled.event.js';

/** shift_scheduled, shift_rescheduled, shift_unscheduled and shift_missed: the stored envelopes to their streams. */
@EventsHandler(ShiftScheduledEvent, ShiftRescheduledEvent, ShiftUnscheduledEvent, ShiftMissedEvent)
export class BroadcastWhenShiftScheduled extends BroadcastCommitted {}
