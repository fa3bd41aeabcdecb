import { Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { AppConfig, isDataError, rootLogger } from '#core';
import { LocationsBatchedEvent } from '../events/locations-batched.event.js';
import { LocationHistoryRepository, type HistoryRow } from '../persistence/location-history.repository.js';
import { GuardStaleTimers } from '../stale/guard-stale.timers.js';

/** Rows kept for a retry while the database is down; beyond this the oldest are dropped. */
const MAX_PENDING = 200_000;
/**
 * A flush is cut into turns of the event loop: at 10,000 guards one window is 10,000 rows and
 * 500 site batches, and done in one go it held every socket of the node (panics included) for
 * hundreds of milliseconds. These sizes keep each turn to a few milliseconds.
 */
const SITES_PER_TURN = 20;
const HISTORY_ROWS_PER_INSERT = 1000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Per-site batching of accepted fixes: every LOCATION_BATCH_MS the latest fix per guard of each site
 * is raised as a LocationsBatchedEvent (its handler sends `location_batch` to the site staff), then every fix of the window is written to the history in
 * multi-row inserts (up to 1,000 rows each), and the guards seen push their stale deadline forward
 * (one statement).
 */
@Injectable()
export class LocationBatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private latest = new Map<string, Map<string, HistoryRow>>();
  private pending: HistoryRow[] = [];
  private windowStart = new Date();
  private chain: Promise<void> = Promise.resolve();
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'location-batcher' });

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventBus,
    private readonly history: LocationHistoryRepository,
    private readonly stale: GuardStaleTimers,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.flush(), this.config.LOCATION_BATCH_MS);
    this.interval.unref();
  }

  /** Before shutdown hooks close the database: the last window is broadcast and written. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.flush();
  }

  add(row: HistoryRow): void {
    let site = this.latest.get(row.siteId);
    if (!site) this.latest.set(row.siteId, (site = new Map()));
    site.set(row.guardId, row);
    this.pending.push(row);
  }

  /** Flushes the current window; resolves once it and every earlier flush are written. */
  flush(): Promise<void> {
    this.chain = this.chain
      .then(() => this.flushWindow())
      .catch((e: unknown) => this.log.error({ err: e }, 'location flush failed'));
    return this.chain;
  }

  private async flushWindow(): Promise<void> {
    const windowEnd = new Date();
    const latest = this.latest;
    const rows = this.pending;
    const windowStart = this.windowStart;
    this.latest = new Map();
    this.pending = [];
    this.windowStart = windowEnd;
    let sites = 0;
    for (const [siteId, guards] of latest) {
      this.events.publish(new LocationsBatchedEvent(siteId, windowStart, windowEnd, guards));
      if (++sites % SITES_PER_TURN === 0) await nextTurn();
    }
    if (!rows.length) return;
    for (let i = 0; i < rows.length; i += HISTORY_ROWS_PER_INSERT) {
      const failed = await this.insertIsolating(rows.slice(i, i + HISTORY_ROWS_PER_INSERT));
      if (failed) {
        const unwritten = [...failed.unwritten, ...rows.slice(i + HISTORY_ROWS_PER_INSERT)];
        this.log.warn(
          { err: failed.error, rows: unwritten.length },
          'location history write failed; retrying next window',
        );
        this.pending = [...unwritten, ...this.pending].slice(-MAX_PENDING);
        return;
      }
    }
    const seen = new Map<string, HistoryRow>();
    for (const r of rows) seen.set(r.guardId, r);
    await this.stale
      .touch([...seen.values()])
      .catch((e: unknown) => this.log.warn({ err: e }, 'stale touch failed'));
  }

  /**
   * Inserts the rows. A chunk PostgreSQL refuses for its values (isDataError: they would be refused
   * again) is split until the refused rows are alone; those are dropped and logged, the rest written,
   * so one bad fix cannot hold back the node's history. Any other failure (the database away) stops
   * and returns what is not written yet, for the next window.
   */
  private async insertIsolating(
    rows: HistoryRow[],
  ): Promise<{ unwritten: HistoryRow[]; error: unknown } | null> {
    try {
      await this.history.insertMany(rows);
      return null;
    } catch (error) {
      if (!isDataError(error)) return { unwritten: rows, error };
      if (rows.length === 1) {
        const [{ guardId, clientEventId }] = rows;
        this.log.warn(
          { err: error, guardId, clientEventId },
          'location fix refused by the database; dropped',
        );
        return null;
      }
      const half = Math.ceil(rows.length / 2);
      const first = await this.insertIsolating(rows.slice(0, half));
      if (first) return { unwritten: [...first.unwritten, ...rows.slice(half)], error: first.error };
      return this.insertIsolating(rows.slice(half));
    }
  }
}
