import { type OnApplicationShutdown } from '@nestjs/common';
import { EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppConfig, rootLogger } from '#core';
import { CommandRunner, Publisher, Rooms, SystemEventsCommittedEvent } from '#realtime';
import { escalationOnReceipts } from '../domain/escalation.js';
import { PanicEscalation } from '../escalation/panic-escalation.service.js';
import { PanicReceiptBackstop } from '../escalation/panic-receipt-backstop.js';
import { PanicRaisedEvent } from '../events/panic-raised.event.js';
import { lockPanic, saveConfirmedBy } from '../persistence/panic.repository.js';

/**
 * Broadcasts `panic_alert` to the site staff with a per-device receipt, after the guard's ack.
 * Stores who confirmed, escalates to level 2 at once when nobody did, and tells the raising guard
 * (`panic_delivery { panicId, confirmedBy: n }` on its own stream).
 */
@EventsHandler(PanicRaisedEvent)
export class ConfirmDeliveryWhenPanicRaised
  implements IEventHandler<PanicRaisedEvent>, OnApplicationShutdown
{
  private stopped = false;
  private readonly log = rootLogger().child({ context: 'panic-delivery' });

  constructor(
    private readonly config: AppConfig,
    private readonly publisher: Publisher,
    private readonly runner: CommandRunner,
    private readonly escalation: PanicEscalation,
    private readonly backstop: PanicReceiptBackstop,
    private readonly events: EventBus,
  ) {}

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  async handle(event: PanicRaisedEvent): Promise<void> {
    try {
      const timeoutMs = this.config.PANIC_RECEIPT_TIMEOUT_S * 1000;
      const receipts = await Promise.all(
        event.envelopes.map((env) => this.publisher.publishWithReceipts(env, timeoutMs)),
      );
      const confirmedBy = [...new Set(receipts.flat())];
      if (this.stopped) return;
      const outcome = await this.runner.runSystem(async (uow) => {
        const panic = await lockPanic(uow.tx, event.panicId);
        if (!panic) return;
        await this.backstop.disarm(uow.tx, panic.id);
        await saveConfirmedBy(uow.tx, panic.id, confirmedBy);
        const current = { ...panic, confirmedBy };
        const e = escalationOnReceipts({ ...current, raisedAt: new Date(panic.raisedAt) }, confirmedBy);
        if (e) await this.escalation.escalate(uow, current, e);
        uow.append({
          type: 'panic_delivery',
          siteId: panic.siteId,
          streams: [Rooms.user(event.guardId)],
          data: { panicId: panic.id, confirmedBy: confirmedBy.length },
        });
      });
      this.publisher.publish(outcome.envelopes);
      this.events.publish(new SystemEventsCommittedEvent(outcome.envelopes));
    } catch (err) {
      this.log.error({ err, panicId: event.panicId }, 'recording panic delivery failed');
    }
  }
}
