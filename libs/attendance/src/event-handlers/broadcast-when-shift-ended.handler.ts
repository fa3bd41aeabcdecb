import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import { ShiftEndedEvent } from '../events/shift-ended.event.js';

@EventsHandler(ShiftEndedEvent)
export class BroadcastWhenShiftEnded extends BroadcastCommitted {}
