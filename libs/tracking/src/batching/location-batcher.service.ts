import { Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { Publisher, Rooms } from '#realtime';
import { LocationHistoryRepository, type HistoryRow } from '../persistence/location-history.repository.js';
import { GuardStaleTimers } from '../stale/guard-stale.timers.js';

/** Rows kept for a retry while the database is down; beyond this the oldest are dropped. */
const MAX_PENDING = 200_000;

const toWire = (r: HistoryRow) => ({
  userId: r.guardId,
  lat: r.lat,
  lng: r.lng,
  accuracy: r.accuracy,
  heading: r.heading,
  speed: r.speed,
  batteryLevel: r.batteryLevel,
  recordedAt: new Date(r.recordedAt).toISOString(),
});

/**
 * Per-site batching of accepted fixes: every LOCATION_BATCH_MS the latest fix per guard goes to the
 * site's staff room as `location_batch`, then every fix of the window is written to the history in
 * one multi-row insert, and the guards seen push their stale deadline forward (one statement).
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
    private readonly publisher: Publisher,
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
    for (const [siteId, guards] of latest)
      this.publisher.emitTo(Rooms.siteStaff(siteId), 'location_batch', {
        siteId,
        windowStart: windowStart.toISOString(),
        windowEnd: windowEnd.toISOString(),
        locations: [...guards.values()].map(toWire),
      });
    if (!rows.length) return;
    try {
      await this.history.insertMany(rows);
    } catch (e) {
      this.log.warn({ err: e, rows: rows.length }, 'location history write failed; retrying next window');
      this.pending = [...rows, ...this.pending].slice(-MAX_PENDING);
      return;
    }
    const seen = new Map<string, HistoryRow>();
    for (const r of rows) seen.set(r.guardId, r);
    await this.stale
      .touch([...seen.values()])
      .catch((e: unknown) => this.log.warn({ err: e }, 'stale touch failed'));
  }
}
