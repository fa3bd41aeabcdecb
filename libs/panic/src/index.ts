export * from './panic.module.js';
export * from './persistence/panic-persistence.js';
export type { PanicView } from './persistence/panic.view.js';
export { PANIC_TYPES, PANIC_STATUSES, type PanicStatus, type PanicType } from './domain/panic.js';
export { PanicRaisedEvent } from './events/panic-raised.event.js';
export {
  PanicAcknowledgedEvent,
  PanicDeliveryRecordedEvent,
  PanicEscalatedEvent,
  PanicResolvedEvent,
} from './events/panic-changed.event.js';
export * from './persistence/panic.ports.js';
