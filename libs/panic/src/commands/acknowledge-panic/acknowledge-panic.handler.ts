import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError } from '#core';
import { CommandRunner, Rooms } from '#realtime';
import { visiblePanic } from '../../domain/panic-access.js';
import { decideAcknowledge } from '../../domain/panic.js';
import { PanicEscalation } from '../../escalation/panic-escalation.service.js';
import { PanicAcknowledgedEvent } from '../../events/panic-changed.event.js';
import { findPanicView, lockPanic, saveStatus } from '../../persistence/panic.repository.js';
import { AcknowledgePanicCommand } from './acknowledge-panic.command.js';

/** `panic_acknowledge`: the first acknowledger wins and stops the escalation. */
@CommandHandler(AcknowledgePanicCommand)
export class AcknowledgePanicHandler implements ICommandHandler<AcknowledgePanicCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly escalation: PanicEscalation,
  ) {}

  async execute({ principal: me, panicId, clientEventId }: AcknowledgePanicCommand) {
    const ctx = { principal: me, command: 'panic_acknowledge', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const panic = visiblePanic(me, await lockPanic(uow.tx, panicId));
      const decision = decideAcknowledge(panic.status);
      if (decision.kind === 'conflict') throw AppError.conflict(decision.reason, { status: panic.status });
      if (decision.kind === 'unchanged') return { panic };
      const now = new Date();
      await saveStatus(uow.tx, panic.id, {
        status: decision.status,
        acknowledgedAt: now,
        acknowledgedBy: me.userId,
        updatedAt: now,
      });
      await this.escalation.cancel(uow.tx, panic.id);
      const view = (await findPanicView(uow.tx, panic.id))!;
      const appended = uow.append({
        type: 'panic_acknowledged',
        siteId: view.siteId,
        streams: [Rooms.siteStaff(view.siteId), Rooms.user(view.guard.id)],
        data: { panic: view, acknowledgedBy: { id: me.userId, name: me.name } },
      });
      uow.raise(new PanicAcknowledgedEvent(panic.id), appended);
      return { panic: view };
    });
    return outcome.result;
  }
}
