import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ActiveShifts } from '#attendance';
import { AppConfig, isDependencyDown, rootLogger } from '#core';
import { CommandRunner, Publisher, Rooms } from '#realtime';
import { DataSource } from 'typeorm';
import { SiteUnwatchedEvent } from '../events/site-unwatched.event.js';
import { SiteWatchPeriods } from '../persistence/site-watch.repository.js';
import { occupiedRooms } from '../state/cluster-rooms.js';

const STAFF_ROOM = /^site:([0-9a-f-]{36}):staff$/;

/**
 * `site_unwatched`: a site with guards on shift and no staff socket in its staff room (connected
 * and not left the site view), anywhere in the cluster, for longer than SITE_UNWATCHED_AFTER_S.
 * The start of each unwatched period is a row in site_watch; the event fires once per period,
 * claimed with FOR UPDATE SKIP LOCKED so one node reports it. Staff coming back ends the period.
 */
@Injectable()
export class SiteWatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  private readonly log = rootLogger().child({ context: 'site-watch' });

  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly runner: CommandRunner,
    private readonly publisher: Publisher,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.sweep(), Math.max(250, this.config.TIMER_POLL_MS));
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.interval);
  }

  async sweep(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      await this.sweepOnce();
    } catch (e) {
      if (!isDependencyDown(e)) this.log.error({ err: e }, 'site watch sweep failed');
    } finally {
      this.running = false;
    }
  }

  /** Sites whose staff room has a socket on some node (staff connected and viewing the site). */
  private async watchedSites(): Promise<Set<string>> {
    const watched = new Set<string>();
    for (const room of (await occupiedRooms(this.publisher)).keys()) {
      const site = STAFF_ROOM.exec(room)?.[1];
      if (site) watched.add(site);
    }
    return watched;
  }

  private async sweepOnce(): Promise<void> {
    const guarded = await ActiveShifts.countBySite(this.db);
    const watched = await this.watchedSites();
    const ids = [...guarded.keys()].filter((siteId) => !watched.has(siteId));
    await SiteWatchPeriods.track(this.db, ids);
    if (!ids.length) return;
    await this.runner.runSystem(async (uow) => {
      const due = await SiteWatchPeriods.lockDue(uow.tx, ids, this.config.SITE_UNWATCHED_AFTER_S);
      for (const row of due) {
        const appended = uow.append({
          type: 'site_unwatched',
          siteId: row.siteId,
          streams: [Rooms.siteStaff(row.siteId)],
          data: {
            siteId: row.siteId,
            guardsOnShift: guarded.get(row.siteId) ?? 0,
            since: new Date(row.unwatchedSince).toISOString(),
          },
        });
        uow.raise(new SiteUnwatchedEvent(row.siteId), appended);
        await SiteWatchPeriods.markReported(uow.tx, row.siteId);
      }
    });
  }
}
