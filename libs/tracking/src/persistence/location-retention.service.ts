import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { LocationHistoryRepository } from './location-history.repository.js';

const EVERY_MS = 10 * 60_000;

/** Prunes location history older than EVENT_RETENTION_DAYS (the same window as `sync`). */
@Injectable()
export class LocationRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'location-retention' });
  constructor(
    private readonly config: AppConfig,
    private readonly repo: LocationHistoryRepository,
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
      const removed = await this.repo.pruneOlderThan(
        new Date(now - this.config.EVENT_RETENTION_DAYS * 86_400_000),
      );
      if (removed) this.log.info({ removed }, 'pruned old location history');
      return removed;
    } catch (e) {
      this.log.warn({ err: e }, 'location history pruning failed; will retry');
      return 0;
    }
  }
}
