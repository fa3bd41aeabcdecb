import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import { CheckpointScannedEvent } from '../events/checkpoint-scanned.event.js';
import { PatrolCompletedEvent } from '../events/patrol-completed.event.js';
import { PatrolStartedEvent } from '../events/patrol-started.event.js';
import { PatrolTimedOutEvent } from '../events/patrol-timed-out.event.js';

/** Broadcasts the committed envelopes of every patrol change to their stream rooms. */
@EventsHandler(PatrolStartedEvent, CheckpointScannedEvent, PatrolCompletedEvent, PatrolTimedOutEvent)
export class BroadcastWhenPatrolChanged extends BroadcastCommitted {}
