import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import {
  PanicAcknowledgedEvent,
  PanicDeliveryRecordedEvent,
  PanicEscalatedEvent,
  PanicResolvedEvent,
} from '../events/panic-changed.event.js';

/**
 * Sends stored panic_acknowledged, panic_resolved, panic_escalated and panic_delivery envelopes to
 * their stream rooms (panic_alert goes with receipts: ConfirmDeliveryWhenPanicRaised).
 */
@EventsHandler(PanicAcknowledgedEvent, PanicResolvedEvent, PanicEscalatedEvent, PanicDeliveryRecordedEvent)
export class BroadcastWhenPanicChanged extends BroadcastCommitted {}
