import { type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppConfig, rootLogger } from '#core';
import { Publisher } from '#realtime';
import { RecordPanicDeliveryCommand } from '../commands/record-panic-delivery/record-panic-delivery.command.js';
import { PanicRaisedEvent } from '../events/panic-raised.event.js';

/**
 * Broadcasts `panic_alert` to the site staff with a per-device receipt, after the guard's ack, and
 * has the receipts recorded (RecordPanicDeliveryCommand: escalation when nobody confirmed, and
 * `panic_delivery` to the raising guard).
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
    private readonly commands: CommandBus,
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
      await this.commands.execute(new RecordPanicDeliveryCommand(event.panicId, event.guardId, confirmedBy));
    } catch (err) {
      this.log.error({ err, panicId: event.panicId }, 'recording panic delivery failed');
    }
  }
}
