import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { PanicAcknowledgedEvent, PanicResolvedEvent } from '../events/panic-changed.event.js';

/** Sends stored panic_acknowledged / panic_resolved envelopes to their stream rooms. */
@EventsHandler(PanicAcknowledgedEvent, PanicResolvedEvent)
export class BroadcastWhenPanicChanged implements IEventHandler<PanicAcknowledgedEvent | PanicResolvedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle(event: PanicAcknowledgedEvent | PanicResolvedEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
