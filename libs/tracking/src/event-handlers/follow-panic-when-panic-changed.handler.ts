import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { PanicRaisedEvent, PanicResolvedEvent } from '#panic';
import { ActivePanics } from '../panic-tracking/active-panics.service.js';

/** A raised panic steps up its guard's tracking; resolving it ends that. */
@EventsHandler(PanicRaisedEvent, PanicResolvedEvent)
export class FollowPanicWhenPanicChanged implements IEventHandler<PanicRaisedEvent | PanicResolvedEvent> {
  constructor(private readonly panics: ActivePanics) {}

  handle(event: PanicRaisedEvent | PanicResolvedEvent): void {
    if (event instanceof PanicRaisedEvent) {
      this.panics.changed(event.guardId, event.panicId);
      return;
    }
    const guardId = (event.envelopes[0]?.data as { panic?: { guard?: { id?: string } } }).panic?.guard?.id;
    if (guardId && this.panics.of(guardId) === event.panicId) this.panics.changed(guardId, null);
  }
}
