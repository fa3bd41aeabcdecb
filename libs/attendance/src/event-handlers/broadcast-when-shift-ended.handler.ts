import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { ShiftEndedEvent } from '../events/shift-ended.event.js';

@EventsHandler(ShiftEndedEvent)
export class BroadcastWhenShiftEnded implements IEventHandler<ShiftEndedEvent> {
  constructor(private readonly publisher: Publisher) {}
  handle(event: ShiftEndedEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
