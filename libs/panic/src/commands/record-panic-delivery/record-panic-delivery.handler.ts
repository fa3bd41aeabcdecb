import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import { escalationOnReceipts } from '../../domain/escalation.js';
import { PanicEscalation } from '../../escalation/panic-escalation.service.js';
import { PanicReceiptBackstop } from '../../escalation/panic-receipt-backstop.js';
import { lockPanic, saveConfirmedBy } from '../../persistence/panic.repository.js';
import { appendPanicDelivery } from './append-panic-delivery.js';
import { RecordPanicDeliveryCommand } from './record-panic-delivery.command.js';

/**
 * Stores who confirmed a panic's alert, disarms the receipt backstop, escalates to level 2 at once
 * when nobody did, and tells the raising guard (`panic_delivery`). Dispatched by the server after
 * the receipt window (ConfirmDeliveryWhenPanicRaised), never by a client.
 */
@CommandHandler(RecordPanicDeliveryCommand)
export class RecordPanicDeliveryHandler implements ICommandHandler<RecordPanicDeliveryCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly escalation: PanicEscalation,
    private readonly backstop: PanicReceiptBackstop,
  ) {}

  async execute({ panicId, guardId, confirmedBy }: RecordPanicDeliveryCommand): Promise<void> {
    await this.runner.runSystem(async (uow) => {
      const panic = await lockPanic(uow.tx, panicId);
      if (!panic) return;
      await this.backstop.disarm(uow.tx, panic.id);
      await saveConfirmedBy(uow.tx, panic.id, confirmedBy);
      const current = { ...panic, confirmedBy };
      const e = escalationOnReceipts({ ...current, raisedAt: new Date(panic.raisedAt) }, confirmedBy);
      if (e) await this.escalation.escalate(uow, current, e);
      appendPanicDelivery(uow, panic, guardId, confirmedBy.length);
    });
  }
}
