import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, type Principal } from '#core';
import { CommandRunner, Rooms, type UnitOfWork } from '#realtime';
import { PanicEscalation } from '../../escalation/panic-escalation.service.js';
import { PanicReceiptBackstop } from '../../escalation/panic-receipt-backstop.js';
import { PanicRaisedEvent } from '../../events/panic-raised.event.js';
import { panicViewFrom, toPanicView } from '../../persistence/panic.repository.js';
import { activeShiftQuery, panicSiteOf } from './panic-site.js';
import { RaisePanicCommand, type RaisePanicResult } from './raise-panic.command.js';
import type { RaisePanicDto } from './raise-panic.dto.js';
import type { QueryResultRow } from 'pg';

/** Inserts the panic unless the guard has an active one, and returns its view in the same statement. */
const RAISE_SQL = `WITH raised AS (
    INSERT INTO panics (site_id, guard_id, type, status, location, battery_level, message,
      patrol_run_id, raised_at, received_at)
    VALUES ($1, $2, $3, 'RAISED', $4, $5, $6, $7, $8, $9)
    ON CONFLICT (guard_id) WHERE status IN ('RAISED','ACKNOWLEDGED') DO NOTHING RETURNING *
  )
  ${panicViewFrom('raised')}`;

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
      prefetch: activeShiftQuery(principal.userId),
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
    const siteId = panicSiteOf(shift, me, dto.siteId);
    const raisedAt = actionTime(dto.recordedAt, receivedAt);
    const location = { lat: dto.location.lat, lng: dto.location.lng, accuracy: dto.location.accuracy };
    for (let attempt = 0; attempt < 3; attempt++) {
      const [inserted] = await uow.prepared(RAISE_SQL, [
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
      if (inserted) {
        const panic = toPanicView(inserted);
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
      const active = (await uow.tx.query(
        `UPDATE panics SET location = $2, updated_at = now()
          WHERE guard_id = $1 AND status IN ('RAISED','ACKNOWLEDGED') RETURNING id`,
        [me.userId, JSON.stringify(location)],
      )) as [{ id: string }[], number];
      const row = active[0][0];
      if (row) return { panicId: row.id, duplicate: true };
    }
    throw new Error('could not raise or find the active panic');
  }
}
