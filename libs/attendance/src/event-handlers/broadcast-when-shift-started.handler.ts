import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { ShiftStartedEvent } from '../events/shift-started.event.js';

@EventsHandler(ShiftStartedEvent)
export class BroadcastWhenShiftStarted implements IEventHandler<ShiftStartedEvent> {
  constructor(private readonly publisher: Publisher) {}
  handle(event: ShiftStartedEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
