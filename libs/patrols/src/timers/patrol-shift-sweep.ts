import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AppConfig, isDependencyDown, rootLogger } from '#core';
import { TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import { DataSource } from 'typeorm';
import { PatrolRunEnder } from '../commands/patrol-run-ender.js';
import { PatrolTimers } from '../patrols.constants.js';
import { PatrolRuns } from '../persistence/patrol-run.repository.js';

/** Runs ended per sweep; a full batch sweeps again at once. */
const BATCH = 50;
const REF = 'all';

/**
 * The durable backstop for "a run ends with its shift": every PATROL_SHIFT_SWEEP_MS one timer (a
 * row in `timers`, so one node of a cluster takes each sweep) ends the runs still in progress whose
 * shift has ended. A clock-out normally ends its run at once (EndPatrolWhenShiftEnded, after its
 * commit); this catches a node that stopped in between, for runs whose deadlines have all fired.
 */
@Injectable()
export class PatrolShiftSweep implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = rootLogger().child({ context: 'patrols' });
  private arming?: NodeJS.Timeout;
  constructor(
    private readonly poller: TimerPoller,
    private readonly timers: TimerService,
    private readonly ender: PatrolRunEnder,
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.poller.register(PatrolTimers.shiftSweep, (uow, timer) => this.sweep(uow, timer));
  }

  /**
   * Arms the sweep if no node has (a restart does not move an armed one), now and then every
   * period: the row cannot go missing for long, even if the database was away at startup.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.arm();
    this.arming = setInterval(() => void this.arm(), this.config.PATROL_SHIFT_SWEEP_MS);
    this.arming.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.arming);
  }

  private async arm(): Promise<void> {
    await this.timers
      .scheduleIfAbsent(this.db, PatrolTimers.shiftSweep, REF, this.config.PATROL_SHIFT_SWEEP_MS)
      .catch((e: unknown) => this.log.error({ err: e }, 'patrol shift sweep not armed'));
  }

  /**
   * Each run is ended under its own savepoint: one that fails (logged) does not undo the others or
   * stop the sweep; a batch in which every run was ended sweeps again at once.
   */
  private async sweep(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const runs = await PatrolRuns.lockOfEndedShifts(uow.tx, BATCH);
    let ended = 0;
    for (const run of runs) {
      await uow.tx.query('SAVEPOINT patrol_shift_sweep');
      const mark = uow.mark();
      try {
        if (await this.ender.endIfShiftEnded(uow, run)) ended++;
        await uow.tx.query('RELEASE SAVEPOINT patrol_shift_sweep');
      } catch (err) {
        if (isDependencyDown(err)) throw err;
        await uow.tx.query('ROLLBACK TO SAVEPOINT patrol_shift_sweep');
        uow.discardSince(mark);
        this.log.error(
          { err, patrolRunId: run.id },
          'patrol run not ended with its shift; next sweep retries',
        );
      }
    }
    const nextInMs = ended === BATCH ? 0 : this.config.PATROL_SHIFT_SWEEP_MS;
    await this.timers.schedule(uow.tx, timer.kind, REF, new Date(Date.now() + nextInMs));
  }
}
