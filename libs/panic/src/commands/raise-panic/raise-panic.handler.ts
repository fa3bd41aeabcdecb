import { ActiveShifts } from '#attendance';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, type Principal } from '#core';
import { CommandRunner, Rooms, type UnitOfWork } from '#realtime';
import { PanicEscalation } from '../../escalation/panic-escalation.service.js';
import { PanicReceiptBackstop } from '../../escalation/panic-receipt-backstop.js';
import { PanicRaisedEvent } from '../../events/panic-raised.event.js';
import { insertRaised, moveActivePanic } from '../../persistence/panic.repository.js';
import { panicSiteOf } from './panic-site.js';
import { RaisePanicCommand, type RaisePanicResult } from './raise-panic.command.js';
import type { RaisePanicDto } from './raise-panic.dto.js';
import type { QueryResultRow } from 'pg';

/**
 * `panic_alert`: stores the panic and its escalation deadline, appends `panic_alert` to the site
 * staff stream. A guard with an active panic gets that one back (`duplicate: true`) with its
 * location updated; the partial unique index makes this race-free.
 */
@CommandHandler(RaisePanicCommand)
export class RaisePanicHandler implements ICommandHandler<RaisePanicCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly escalation: PanicEscalation,
    private readonly backstop: PanicReceiptBackstop,
  ) {}

  async execute({ principal, dto, receivedAt }: RaisePanicCommand): Promise<RaisePanicResult> {
    const ctx = {
      principal,
      command: 'panic_alert',
      clientEventId: dto.clientEventId,
      prefetch: ActiveShifts.siteQuery(principal.userId),
    };
    const outcome = await this.runner.run(ctx, (uow, shift) =>
      this.raise(uow, principal, dto, receivedAt, shift),
    );
    return outcome.result;
  }

  /** Three round trips: BEGIN with the claim and the shift, the insert, the events with COMMIT. */
  private async raise(
    uow: UnitOfWork,
    me: Principal,
    dto: RaisePanicDto,
    receivedAt: Date,
    shift: QueryResultRow[],
  ): Promise<RaisePanicResult> {
    const siteId = panicSiteOf(ActiveShifts.siteIn(shift), me, dto.siteId);
    const raisedAt = actionTime(dto.recordedAt, receivedAt);
    const location = { lat: dto.location.lat, lng: dto.location.lng, accuracy: dto.location.accuracy };
    for (let attempt = 0; attempt < 3; attempt++) {
      const panic = await insertRaised(uow, [
        siteId,
        me.userId,
        dto.type ?? 'PANIC',
        JSON.stringify(location),
        dto.batteryLevel ?? null,
        dto.message || null,
        dto.patrolRunId ?? null,
        raisedAt,
        receivedAt,
      ]);
      if (panic) {
        const appended = uow.append({
          type: 'panic_alert',
          siteId,
          streams: [Rooms.siteStaff(siteId)],
          data: { panic },
          occurredAt: raisedAt,
        });
        uow.raise(new PanicRaisedEvent(panic.id, me.userId), appended);
        this.escalation.scheduleNextDeferred(uow, panic);
        this.backstop.arm(uow, panic.id, me.userId);
        return { panicId: panic.id, duplicate: false };
      }
      // Another panic of this guard is active: hand it back with the newest location.
      const activeId = await moveActivePanic(uow.tx, me.userId, JSON.stringify(location));
      if (activeId) return { panicId: activeId, duplicate: true };
    }
    throw new Error('could not raise or find the active panic');
  }
}
