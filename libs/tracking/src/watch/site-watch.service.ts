import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, isDependencyDown, rootLogger } from '#core';
import { CommandRunner, Publisher, Rooms } from '#realtime';
import { DataSource } from 'typeorm';
import { SiteUnwatchedEvent } from '../events/site-unwatched.event.js';
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
    const guarded = (await this.db.query(
      'SELECT site_id, count(*)::int AS n FROM shifts WHERE ended_at IS NULL GROUP BY site_id',
    )) as { site_id: string; n: number }[];
    const watched = await this.watchedSites();
    const unwatched = guarded.filter((g) => !watched.has(g.site_id));
    const ids = unwatched.map((g) => g.site_id);
    await this.db.query('DELETE FROM site_watch WHERE NOT (site_id = ANY($1::uuid[]))', [ids]);
    if (!ids.length) return;
    await this.db.query(
      'INSERT INTO site_watch (site_id, unwatched_since) SELECT unnest($1::uuid[]), now() ON CONFLICT DO NOTHING',
      [ids],
    );
    const counts = new Map(unwatched.map((g) => [g.site_id, g.n]));
    await this.runner.runSystem(async (uow) => {
      const due = (await uow.tx.query(
        `SELECT site_id, unwatched_since FROM site_watch WHERE site_id = ANY($1::uuid[]) AND notified_at IS NULL
           AND unwatched_since <= now() - $2 * interval '1 second' FOR UPDATE SKIP LOCKED`,
        [ids, this.config.SITE_UNWATCHED_AFTER_S],
      )) as { site_id: string; unwatched_since: Date }[];
      for (const row of due) {
        const appended = uow.append({
          type: 'site_unwatched',
          siteId: row.site_id,
          streams: [Rooms.siteStaff(row.site_id)],
          data: {
            siteId: row.site_id,
            guardsOnShift: counts.get(row.site_id) ?? 0,
            since: new Date(row.unwatched_since).toISOString(),
          },
        });
        uow.raise(new SiteUnwatchedEvent(row.site_id), appended);
        await uow.tx.query('UPDATE site_watch SET notified_at = now() WHERE site_id = $1', [row.site_id]);
      }
    });
  }
}
