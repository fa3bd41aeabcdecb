import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { CheckpointScannedEvent } from '../events/checkpoint-scanned.event.js';
import { PatrolCompletedEvent } from '../events/patrol-completed.event.js';
import { PatrolStartedEvent } from '../events/patrol-started.event.js';

type PatrolChanged = PatrolStartedEvent | CheckpointScannedEvent | PatrolCompletedEvent;

/** Broadcasts the committed envelopes of every patrol change to their stream rooms. */
@EventsHandler(PatrolStartedEvent, CheckpointScannedEvent, PatrolCompletedEvent)
export class BroadcastWhenPatrolChanged implements IEventHandler<PatrolChanged> {
  constructor(private readonly publisher: Publisher) {}
  handle(event: PatrolChanged): void {
    this.publisher.publish(event.envelopes);
  }
}
