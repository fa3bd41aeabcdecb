import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, isDependencyDown, rootLogger } from '#core';
import { retryDelayMs } from '../domain/retry-policy.js';
import { DeliveryCounts } from './delivery-counts.service.js';
import { DeliveryRepository, type AttemptRecord, type DeliveryJob } from './delivery.repository.js';
import { DeliveryDispatcher } from './delivery-dispatcher.service.js';

const BATCH = 20;

/**
 * Sends due deliveries: claims them with FOR UPDATE SKIP LOCKED (once across nodes; a claim is a
 * lease, so a node dying mid-send leaves the row to be tried again), sends outside any transaction,
 * then records the attempt and the next one (retry policy) in PostgreSQL: retries survive restarts.
 */
@Injectable()
export class DeliveryPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private current?: Promise<void>;
  private again = false;
  private stopped = false;
  private outage = false;
  private readonly log = rootLogger().child({ context: 'notifications' });

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly counts: DeliveryCounts,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => this.poke(), this.config.NOTIFY_POLL_MS);
    this.interval.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.interval);
    await this.current;
  }

  /** Looks for due deliveries now (new ones were just stored), or again after the running round. */
  poke(): void {
    if (this.stopped) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = this.round().finally(() => {
      this.current = undefined;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  private async round(): Promise<void> {
    try {
      for (;;) {
        const jobs = await this.deliveries.claim(BATCH);
        await Promise.all(jobs.map((job) => this.attempt(job)));
        if (jobs.length < BATCH || this.stopped) break;
      }
      if (this.outage) this.log.info('notification delivery recovered');
      this.outage = false;
    } catch (e) {
      if (!this.outage || !isDependencyDown(e)) this.log.error({ err: e }, 'notification delivery failed');
      this.outage = true;
    }
  }

  private async attempt(job: DeliveryJob): Promise<void> {
    const verdict = await this.dispatcher.dispatch(job);
    if (verdict.postponeUntil) {
      await this.deliveries.postpone(job.id, verdict.postponeUntil);
      return;
    }
    const o = verdict.outcome;
    let rec: AttemptRecord;
    if (o.ok) rec = { status: 'delivered', httpStatus: o.httpStatus };
    else if (verdict.skipped) rec = { status: 'skipped', error: o.error };
    else {
      const delay = o.retry ? retryDelayMs(job.attempt) : null;
      rec =
        delay === null
          ? { status: 'failed', httpStatus: o.httpStatus, error: o.error }
          : {
              status: 'retrying',
              httpStatus: o.httpStatus,
              error: o.error,
              retryAt: new Date(Date.now() + delay),
            };
    }
    await this.deliveries.record(job.id, rec);
    this.counts.record(job.kind, rec.status);
    if (!o.ok && !verdict.skipped)
      this.log.warn(
        {
          deliveryId: job.id,
          channelId: job.channelId,
          kind: job.kind,
          attempt: job.attempt,
          status: rec.status,
          httpStatus: o.httpStatus,
          error: o.error,
        },
        'notification attempt failed',
      );
  }
}
