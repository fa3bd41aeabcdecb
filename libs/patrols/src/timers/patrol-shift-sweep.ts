import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import { DataSource } from 'typeorm';
import { lockRunsOfEndedShifts } from '../commands/own-run.js';
import { PatrolRunEnder } from '../commands/patrol-run-ender.js';
import { PatrolTimers } from '../patrols.constants.js';

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
export class PatrolShiftSweep implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = rootLogger().child({ context: 'patrols' });
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

  /** Arms the sweep if no node has (a restart does not move an armed one). */
  async onApplicationBootstrap(): Promise<void> {
    await this.db
      .query(
        `INSERT INTO timers (kind, ref, due_at) VALUES ($1, $2, now() + make_interval(secs => $3))
          ON CONFLICT (kind, ref) DO NOTHING`,
        [PatrolTimers.shiftSweep, REF, this.config.PATROL_SHIFT_SWEEP_MS / 1000],
      )
      .catch((e: unknown) => this.log.error({ err: e }, 'patrol shift sweep not armed'));
  }

  private async sweep(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const runs = await lockRunsOfEndedShifts(uow.tx, BATCH);
    for (const run of runs) await this.ender.endIfShiftEnded(uow, run);
    const nextInMs = runs.length === BATCH ? 0 : this.config.PATROL_SHIFT_SWEEP_MS;
    await this.timers.schedule(uow.tx, timer.kind, REF, new Date(Date.now() + nextInMs));
  }
}
