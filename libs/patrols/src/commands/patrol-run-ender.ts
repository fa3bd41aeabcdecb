import { Injectable } from '@nestjs/common';
import { ActiveShifts } from '#attendance';
import { Rooms, TimerService, type UnitOfWork } from '#realtime';
import { PatrolCompletedEvent } from '../events/patrol-completed.event.js';
import { endOfRunShift, lastActivityOf, remainingOf, type PatrolRunEnding } from '../domain/patrol-run.js';
import { PATROL_TIMER_KINDS, PatrolEventTypes } from '../patrols.constants.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';
import { PatrolRuns } from '../persistence/patrol-run.repository.js';
import { PatrolViews, type PatrolRunView } from '../queries/patrol-views.js';

/**
 * The one way a run ends, for `complete_patrol` and for a run whose shift ended: the checkpoints
 * not counted become its skipped ones, both deadlines are cancelled and `patrol_completed` goes to
 * site staff and the guard (PatrolCompletedEvent, raised here for every caller).
 */
@Injectable()
export class PatrolRunEnder {
  constructor(
    private readonly timers: TimerService,
    private readonly views: PatrolViews,
  ) {}

  /** Ends a run in progress, locked by the caller. */
  async end(
    uow: UnitOfWork,
    run: PatrolRunEntity,
    endedBy: PatrolRunEnding,
    at: Date,
  ): Promise<PatrolRunView> {
    run.status = 'COMPLETED';
    run.completedAt = at;
    run.skippedIds = remainingOf(run);
    run.endedBy = endedBy;
    await PatrolRuns.saveEnd(uow.tx, run);
    await this.timers.cancelAll(uow.tx, run.id, PATROL_TIMER_KINDS);
    const patrolRun = await this.views.run(uow.tx, run);
    const appended = uow.append({
      type: PatrolEventTypes.completed,
      siteId: run.siteId,
      streams: [Rooms.siteStaff(run.siteId), Rooms.user(run.guardId)],
      data: { patrolRun },
      occurredAt: at,
    });
    uow.raise(new PatrolCompletedEvent(run.id), appended);
    return patrolRun;
  }

  /**
   * Ends the locked run with SHIFT_END, at the clock-out, when the shift it was started in has
   * ended (see endOfRunShift); true when it did.
   */
  async endIfShiftEnded(uow: UnitOfWork, run: PatrolRunEntity): Promise<boolean> {
    if (!run.shiftId) return this.endIfUnlinkedShiftEnded(uow, run);
    const shift = await ActiveShifts.endOf(uow.tx, run.shiftId);
    const at = endOfRunShift(run, shift);
    if (!at) return false;
    await this.end(uow, run, 'SHIFT_END', at);
    return true;
  }

  /**
   * A run without a `shift_id` (in progress when the column came, started by a node on older code,
   * or its shift was deleted): its shift is the guard's open shift received before it, which it is
   * linked to now. Without one, that shift has ended and the run ends at its last known activity.
   */
  private async endIfUnlinkedShiftEnded(uow: UnitOfWork, run: PatrolRunEntity): Promise<boolean> {
    const open = await ActiveShifts.openReceivedBy(uow.tx, run.guardId, run.startedAt);
    if (open) {
      await PatrolRuns.linkShift(uow.tx, run.id, open);
      run.shiftId = open;
      return false;
    }
    await this.end(uow, run, 'SHIFT_END', lastActivityOf(run));
    return true;
  }
}
