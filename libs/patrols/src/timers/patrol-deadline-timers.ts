import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '#core';
import { Rooms, TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import { decideGap, decideOverdue } from '../domain/patrol-deadlines.js';
import { PatrolRunEnder } from '../commands/patrol-run-ender.js';
import { isInProgress } from '../domain/patrol-run.js';
import { PatrolTimedOutEvent } from '../events/patrol-timed-out.event.js';
import { PatrolEventTypes, PatrolTimers } from '../patrols.constants.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';
import { PatrolRuns } from '../persistence/patrol-run.repository.js';
import { PatrolViews } from '../queries/patrol-views.js';

/**
 * Raises `patrol_timeout` when a run's deadlines pass, judged by device time: the gap since the
 * latest counted scan (CHECKPOINT_MISSED, once per gap) and the run's expected duration (OVERDUE,
 * once). A timer that finds the deadline moved (a scan arrived) re-arms itself instead. A run
 * whose shift has ended is ended instead (SHIFT_END): nobody is walking it any more, and the end
 * of the shift may not have reached it yet (see EndPatrolWhenShiftEnded, PatrolShiftSweep).
 */
@Injectable()
export class PatrolDeadlineTimers implements OnModuleInit {
  constructor(
    private readonly poller: TimerPoller,
    private readonly timers: TimerService,
    private readonly views: PatrolViews,
    private readonly ender: PatrolRunEnder,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.poller.register(PatrolTimers.gap, (uow, timer) => this.onGap(uow, timer));
    this.poller.register(PatrolTimers.overdue, (uow, timer) => this.onOverdue(uow, timer));
  }

  private async onGap(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const run = await this.lockRun(uow, timer);
    if (!run || (await this.ender.endIfShiftEnded(uow, run))) return;
    const now = new Date();
    const decision = decideGap(run, now, this.config.PATROL_MINUTE_MS);
    if (decision.kind === 'rearm') return this.timers.schedule(uow.tx, timer.kind, run.id, decision.at);
    if (decision.kind === 'none') return;
    run.gapAlertBase = run.lastProgressAt;
    run.gapAlertMissed = decision.missed;
    await PatrolRuns.saveGapAlert(uow.tx, run);
    await this.raise(uow, run, 'CHECKPOINT_MISSED', decision.missed, now);
  }

  private async onOverdue(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const run = await this.lockRun(uow, timer);
    if (!run || (await this.ender.endIfShiftEnded(uow, run))) return;
    const now = new Date();
    const decision = decideOverdue(run, now, this.config.PATROL_MINUTE_MS);
    if (decision.kind === 'rearm') return this.timers.schedule(uow.tx, timer.kind, run.id, decision.at);
    if (decision.kind === 'none') return;
    run.overdueAlertedAt = now;
    await PatrolRuns.saveOverdueAlert(uow.tx, run);
    await this.raise(uow, run, 'OVERDUE', decision.missed, now);
  }

  private async raise(
    uow: UnitOfWork,
    run: PatrolRunEntity,
    reason: 'CHECKPOINT_MISSED' | 'OVERDUE',
    missedIds: string[],
    now: Date,
  ): Promise<void> {
    const byId = await this.views.checkpointsById(uow.tx, missedIds);
    const appended = uow.append({
      type: PatrolEventTypes.timeout,
      siteId: run.siteId,
      streams: [Rooms.siteStaff(run.siteId), Rooms.user(run.guardId)],
      occurredAt: now,
      data: {
        patrolRun: await this.views.run(uow.tx, run),
        reason,
        missedCheckpoints: this.views.refs(byId, missedIds),
      },
    });
    uow.raise(new PatrolTimedOutEvent(run.id, reason), appended);
  }

  /**
   * The run, locked without waiting (a command holding it may be waiting for this very timer
   * row): when busy, the timer comes back on the next poll. Null when there is nothing to do.
   */
  private async lockRun(uow: UnitOfWork, timer: DueTimer): Promise<PatrolRunEntity | null> {
    const { run, busy } = await PatrolRuns.lockNowait(uow.tx, timer.ref);
    if (run) return isInProgress(run) ? run : null;
    if (busy)
      await this.timers.schedule(
        uow.tx,
        timer.kind,
        timer.ref,
        new Date(Date.now() + this.config.TIMER_POLL_MS),
      );
    return null;
  }
}
