import { Injectable } from '@nestjs/common';
import type { IEventHandler } from '@nestjs/cqrs';
import type { CommittedEvent } from '../streams/committed-event.js';
import { Publisher } from './publisher.service.js';

/**
 * The broadcast every feature does for its committed events: the stored envelopes to their stream
 * rooms. A feature's handler extends it and names its events:
 * `@EventsHandler(PanicAcknowledgedEvent, ...) export class BroadcastWhenPanicChanged extends BroadcastCommitted {}`.
 */
@Injectable()
export abstract class BroadcastCommitted implements IEventHandler<CommittedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle(event: CommittedEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
