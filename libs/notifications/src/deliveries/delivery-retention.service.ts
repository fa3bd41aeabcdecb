import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { DeliveryRepository } from './delivery.repository.js';

const EVERY_MS = 10 * 60_000;

/**
 * Prunes finished deliveries (and their attempt log) older than EVENT_RETENTION_DAYS, the window
 * of the events they carried; pending ones stay until they are delivered or given up.
 */
@Injectable()
export class DeliveryRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'notification-retention' });
  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: DeliveryRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.prune(), EVERY_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  async prune(now = Date.now()): Promise<number> {
    try {
      const removed = await this.deliveries.pruneFinishedBefore(
        new Date(now - this.config.EVENT_RETENTION_DAYS * 86_400_000),
      );
      if (removed) this.log.info({ removed }, 'pruned old notification deliveries');
      return removed;
    } catch (e) {
      this.log.warn({ err: e }, 'notification delivery pruning failed; will retry');
      return 0;
    }
  }
}
