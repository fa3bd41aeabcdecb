import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { isDependencyDown, rootLogger } from '#core';
import { PresenceService } from '#realtime';
import { DataSource } from 'typeorm';
import { DashboardStatsComputedEvent } from '../events/dashboard-stats-computed.event.js';
import { PanicReach } from '../ports/panic-reach.port.js';
import { countPerSite, EMPTY_COUNTS, type SiteCounts } from './site-counts.js';
import { guardAssignments, managerSites } from './staff-assignments.js';

/** How often dashboards get fresh numbers (docs/protocol.md: every 10 s). */
export const DASHBOARD_STATS_MS = 10_000;

export type DashboardStats = SiteCounts & { guardsOnline: number };
/** Admins also see the sites with guards on shift that no channel reaches off-socket for a panic. */
export type AdminDashboardStats = DashboardStats & { sitesWithoutPanicNotification: string[] };

/** The online guards: how many in all, and which per site (a guard of two sites is in both). */
export interface OnlineGuards {
  count: number;
  bySite: Map<string, Set<string>>;
}

/** Groups the online guards of the assignment rows (one row per guard and site) by site. */
export function onlineGuards(
  assignments: { user_id: string; site_id: string | null }[],
  isOnline: (userId: string) => boolean,
): OnlineGuards {
  const all = new Set<string>();
  const bySite = new Map<string, Set<string>>();
  for (const { user_id, site_id } of assignments) {
    if (!isOnline(user_id)) continue;
    all.add(user_id);
    if (site_id === null) continue;
    const guards = bySite.get(site_id) ?? new Set<string>();
    guards.add(user_id);
    bySite.set(site_id, guards);
  }
  return { count: all.size, bySite };
}

/**
 * `dashboard_stats` (ephemeral): every 10 s to the admins (all sites) and to each online manager
 * for their own sites. guardsOnline counts distinct online guards of those sites. With several
 * nodes, the node that wins the period's clock row sends for the whole cluster (presence and
 * rooms are cluster-wide), so nobody gets the numbers twice.
 */
@Injectable()
export class DashboardStatsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private stopped = false;
  private readonly log = rootLogger().child({ context: 'dashboard-stats' });

  constructor(
    private readonly db: DataSource,
    private readonly presence: PresenceService,
    private readonly events: EventBus,
    private readonly reach: PanicReach,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.tick(), DASHBOARD_STATS_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.interval);
  }

  /** Sends the stats when this node wins the current period. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const res = (await this.db.query(
        `UPDATE dashboard_stats_clock SET last_at = now()
          WHERE id = 1 AND last_at <= now() - $1 * interval '1 millisecond' RETURNING id`,
        [DASHBOARD_STATS_MS - 1000],
      )) as unknown[];
      const won = Array.isArray(res[0]) ? (res[0] as unknown[]).length > 0 : res.length > 0; // [rows, count] or rows
      if (won) await this.broadcast();
    } catch (e) {
      if (!isDependencyDown(e)) this.log.error({ err: e }, 'dashboard stats failed');
    }
  }

  /** Computes the stats now and raises them (DashboardStatsComputedEvent: its handler sends them). */
  async broadcast(): Promise<void> {
    const perSite = await countPerSite(this.db, (count, err) =>
      this.log.warn({ err, count }, 'dashboard count failed; counted as 0'),
    );
    const assignments = await guardAssignments(this.db);
    const managers = await managerSites(this.db);
    const ids = new Set(assignments.map((a) => a.user_id));
    for (const m of managers) ids.add(m.user_id);
    const status = await this.presence.statuses([...ids]);
    const isOnline = (userId: string) => status.get(userId)?.status === 'online';
    const online = onlineGuards(assignments, isOnline);
    const guarded = [...perSite].filter(([, c]) => c.guardsOnShift > 0).map(([id]) => id);
    const unreached = await this.reach.sitesWithout(guarded);
    const adminStats: AdminDashboardStats = {
      ...this.aggregate(perSite, null, online),
      sitesWithoutPanicNotification: [...unreached].sort(),
    };
    const perManager = managers
      .filter((u) => isOnline(u.user_id))
      .map((m) => ({ userId: m.user_id, stats: this.aggregate(perSite, m.site_ids, online) }));
    this.events.publish(new DashboardStatsComputedEvent(adminStats, perManager));
  }

  /** Sums the counts of the given sites (null: every site). */
  aggregate(
    perSite: Map<string, SiteCounts>,
    siteIds: string[] | null,
    online: OnlineGuards,
  ): DashboardStats {
    const sites = siteIds ?? [...perSite.keys()];
    const sum = { ...EMPTY_COUNTS };
    for (const id of sites) {
      const c = perSite.get(id);
      if (c) for (const k of Object.keys(sum) as (keyof SiteCounts)[]) sum[k] += c[k];
    }
    if (!siteIds) return { ...sum, guardsOnline: online.count };
    const guards = new Set<string>();
    for (const id of siteIds) for (const g of online.bySite.get(id) ?? []) guards.add(g);
    return { ...sum, guardsOnline: guards.size };
  }
}
