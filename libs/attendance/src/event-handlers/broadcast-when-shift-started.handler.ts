import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import { ShiftStartedEvent } from '../events/shift-started.event.js';

@EventsHandler(ShiftStartedEvent)
export class BroadcastWhenShiftStarted extends BroadcastCommitted {}
