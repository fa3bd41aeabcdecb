import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError } from '#core';
import { CommandRunner, Rooms } from '#realtime';
import { visiblePanic } from '../../domain/panic-access.js';
import { decideResolve } from '../../domain/panic.js';
import { PanicEscalation } from '../../escalation/panic-escalation.service.js';
import { PanicResolvedEvent } from '../../events/panic-changed.event.js';
import { findPanicView, lockPanic, saveStatus } from '../../persistence/panic.repository.js';
import { ResolvePanicCommand } from './resolve-panic.command.js';

/** `panic_resolve`: closes the panic with notes; CONFLICT when it is already resolved. */
@CommandHandler(ResolvePanicCommand)
export class ResolvePanicHandler implements ICommandHandler<ResolvePanicCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly escalation: PanicEscalation,
  ) {}

  async execute({ principal: me, panicId, notes, clientEventId }: ResolvePanicCommand) {
    const ctx = { principal: me, command: 'panic_resolve', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const panic = visiblePanic(me, await lockPanic(uow.tx, panicId));
      const decision = decideResolve(panic.status);
      if (decision.kind !== 'change')
        throw AppError.conflict('Panic is already resolved', { status: panic.status });
      const now = new Date();
      await saveStatus(uow.tx, panic.id, {
        status: decision.status,
        resolvedAt: now,
        resolvedBy: me.userId,
        notes: notes || null,
        updatedAt: now,
      });
      await this.escalation.cancel(uow.tx, panic.id);
      const view = (await findPanicView(uow.tx, panic.id))!;
      const appended = uow.append({
        type: 'panic_resolved',
        siteId: view.siteId,
        streams: [Rooms.siteStaff(view.siteId), Rooms.user(view.guard.id)],
        data: { panic: view, resolvedBy: { id: me.userId, name: me.name }, notes: view.notes },
      });
      uow.raise(new PanicResolvedEvent(panic.id), appended);
      return { panic: view };
    });
    return outcome.result;
  }
}
