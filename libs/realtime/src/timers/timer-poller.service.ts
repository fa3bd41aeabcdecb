import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, isDependencyDown, rootLogger } from '#core';
import { CommandRunner, type UnitOfWork } from '../streams/command-runner.js';
import type { DueTimer } from './timer.service.js';

export type TimerHandler = (uow: UnitOfWork, timer: DueTimer) => Promise<void>;

const BATCH = 100;

/**
 * Fires due timers exactly once across nodes and restarts: each is claimed with
 * FOR UPDATE SKIP LOCKED, handled and deleted in one transaction. A handler raises CQRS events for
 * what it appended (uow.raise); the runner publishes them after commit and the feature's event
 * handlers broadcast them. A handler may schedule follow-up timers in the same transaction.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly handlers = new Map<string, TimerHandler>();
  private interval?: NodeJS.Timeout;
  private running = false;
  private current?: Promise<number>;
  private stopped = false;
  private outage = false;
  private readonly log = rootLogger().child({ context: 'timers' });

  constructor(
    private readonly config: AppConfig,
    private readonly runner: CommandRunner,
  ) {}

  register(kind: string, handler: TimerHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.tick(), this.config.TIMER_POLL_MS);
    this.interval.unref();
  }

  /** Stops polling and waits for a tick in flight, before the database pool closes under it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.onApplicationShutdown();
    await this.current;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.interval);
  }

  /** Fires everything due now; returns how many fired. Exposed for tests and shutdown paths. */
  async tick(): Promise<number> {
    if (this.running || this.stopped) return 0;
    this.current = this.fireDue();
    return this.current;
  }

  private async fireDue(): Promise<number> {
    this.running = true;
    let fired = 0;
    try {
      while (!this.stopped && fired < BATCH && (await this.fireOne())) fired++;
      if (this.outage) this.log.info('timer polling recovered');
      this.outage = false;
    } catch (e) {
      if (!this.outage || !isDependencyDown(e)) this.log.error({ err: e }, 'timer polling failed');
      this.outage = true;
    } finally {
      this.running = false;
    }
    return fired;
  }

  private async fireOne(): Promise<boolean> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return false;
    const outcome = await this.runner.runSystem(async (uow) => {
      const [row] = (await uow.tx.query(
        `SELECT id, kind, ref, due_at AS "dueAt", payload FROM timers
          WHERE due_at <= now() AND kind = ANY($1) ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [kinds],
      )) as DueTimer[];
      if (!row) return false;
      // A savepoint around the handler: a timer whose handler fails is pushed back instead of
      // blocking every later timer (panic escalations must never starve behind a broken one).
      await uow.tx.query('SAVEPOINT timer_handler');
      const mark = uow.mark();
      try {
        await uow.tx.query('DELETE FROM timers WHERE id = $1', [row.id]);
        await this.handlers.get(row.kind)!(uow, row);
        await uow.flush(); // inside the savepoint: a failing append is backed off like the handler
      } catch (err) {
        if (isDependencyDown(err)) throw err;
        await uow.tx.query('ROLLBACK TO SAVEPOINT timer_handler');
        uow.discardSince(mark);
        const attempts = Number((row.payload as { _attempts?: number })._attempts ?? 0) + 1;
        const delayS = Math.min(300, 5 * 2 ** Math.min(attempts, 6));
        await uow.tx.query(
          `UPDATE timers SET due_at = now() + make_interval(secs => $2),
             payload = payload || jsonb_build_object('_attempts', $3::int) WHERE id = $1`,
          [row.id, delayS, attempts],
        );
        this.log.error(
          { err, kind: row.kind, ref: row.ref, attempts, retryInS: delayS },
          'timer handler failed; retrying later',
        );
      }
      return true;
    });
    return outcome.result;
  }
}
