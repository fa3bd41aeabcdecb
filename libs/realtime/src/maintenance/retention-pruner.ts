import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { rootLogger, type AppConfig } from '#core';

const EVERY_MS = 10 * 60_000;

/**
 * Prunes one feature's rows older than EVENT_RETENTION_DAYS (the `sync` window) every 10 minutes.
 * A feature extends it with what to delete; a failed round is logged and tried again next time.
 */
export abstract class RetentionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'retention' });

  protected constructor(
    protected readonly config: AppConfig,
    /** What is pruned, for the log lines. */
    private readonly what: string,
  ) {}

  /** Deletes rows older than `cutoff`; returns how many. */
  protected abstract pruneOlderThan(cutoff: Date): Promise<number>;

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.prune(), EVERY_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  async prune(now = Date.now()): Promise<number> {
    try {
      const removed = await this.pruneOlderThan(
        new Date(now - this.config.EVENT_RETENTION_DAYS * 86_400_000),
      );
      if (removed) this.log.info({ removed }, `pruned old ${this.what}`);
      return removed;
    } catch (e) {
      this.log.warn({ err: e }, `${this.what} pruning failed; will retry`);
      return 0;
    }
  }
}
