import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { AuditService } from '../audit/audit.service.js';
import { SessionControlLog } from '../session-controls/session-control-log.js';
import { EventStore } from '../streams/event-store.js';
import { CommandRunner } from '../streams/command-runner.js';

const EVERY_MS = 10 * 60_000;
const IDEMPOTENCY_KEEP_MS = 25 * 3600_000; // the contract promises at least 24 h
const CONTROLS_KEEP_MS = 3600_000; // nodes read the last two minutes; an hour is kept to look back

/**
 * Prunes what has a retention: stream events past EVENT_RETENTION_DAYS, idempotency keys past 24 h,
 * audit rows past AUDIT_RETENTION_DAYS, session controls past an hour.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'retention' });
  constructor(
    private readonly config: AppConfig,
    private readonly events: EventStore,
    private readonly runner: CommandRunner,
    private readonly audit: AuditService,
    private readonly controls: SessionControlLog,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.prune(), EVERY_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  /** Each prune on its own: one that fails (a backlog, an outage) does not hold back the others. */
  async prune(now = Date.now()): Promise<void> {
    const day = 86_400_000;
    await this.step('stream events', () =>
      this.events.pruneOlderThan(new Date(now - this.config.EVENT_RETENTION_DAYS * day)),
    );
    await this.step('idempotency keys', () =>
      this.runner.pruneKeysOlderThan(new Date(now - IDEMPOTENCY_KEEP_MS)),
    );
    await this.step('session controls', () => this.controls.pruneOlderThan(new Date(now - CONTROLS_KEEP_MS)));
    await this.step('audit rows', () =>
      this.audit.pruneOlderThan(new Date(now - this.config.AUDIT_RETENTION_DAYS * day)),
    );
  }

  private async step(what: string, prune: () => Promise<number | void>): Promise<void> {
    try {
      const removed = await prune();
      if (removed) this.log.info({ removed }, `pruned old ${what}`);
    } catch (e) {
      this.log.warn({ err: e }, `${what} pruning failed; will retry`);
    }
  }
}
