import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { ShiftRescheduledEvent, ShiftUnscheduledEvent } from '../events/shift-changed.events.js';
import { ShiftScheduledEvent } from '../events/shift-scheduled.event.js';

type PlanEvent = ShiftScheduledEvent | ShiftRescheduledEvent | ShiftUnscheduledEvent;

/** shift_scheduled, shift_rescheduled and shift_unscheduled: the stored envelopes to their streams. */
@EventsHandler(ShiftScheduledEvent, ShiftRescheduledEvent, ShiftUnscheduledEvent)
export class BroadcastWhenShiftScheduled implements IEventHandler<PlanEvent> {
  constructor(private readonly publisher: Publisher) {}
  handle(event: PlanEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
