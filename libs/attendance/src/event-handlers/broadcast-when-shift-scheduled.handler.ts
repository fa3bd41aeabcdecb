import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { ShiftScheduledEvent } from '../events/shift-scheduled.event.js';

@EventsHandler(ShiftScheduledEvent)
export class BroadcastWhenShiftScheduled implements IEventHandler<ShiftScheduledEvent> {
  constructor(private readonly publisher: Publisher) {}
  handle(event: ShiftScheduledEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
