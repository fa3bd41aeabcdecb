import { Rooms, type UnitOfWork } from '#realtime';
import { PanicDeliveryRecordedEvent } from '../../events/panic-changed.event.js';

/**
 * Appends `panic_delivery { panicId, confirmedBy: n }` to the raising guard's own stream and raises
 * its event: after the receipts were recorded, or by the backstop when nobody could record them.
 */
export function appendPanicDelivery(
  uow: UnitOfWork,
  panic: { id: string; siteId: string },
  guardId: string,
  confirmedBy: number,
): void {
  const appended = uow.append({
    type: 'panic_delivery',
    siteId: panic.siteId,
    streams: [Rooms.user(guardId)],
    data: { panicId: panic.id, confirmedBy },
  });
  uow.raise(new PanicDeliveryRecordedEvent(panic.id, confirmedBy), appended);
}
