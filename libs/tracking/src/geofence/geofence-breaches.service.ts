import { Injectable } from '@nestjs/common';
import { isInsideGeofence, rootLogger, type Principal } from '#core';
import { actorOf, CommandRunner, Rooms } from '#realtime';
import { geofenceTransition } from '../domain/geofence-watch.js';
import { GeofenceBreachedEvent } from '../events/geofence-breached.event.js';
import type { Fix } from '../domain/location-filter.js';
import { SiteCache, type SiteInfo } from '../state/site.cache.js';
import type { GuardTrack } from '../state/guard-track.store.js';

/**
 * Watches accepted fixes against the shift's site geofence: `geofence_breach` (durable, to the
 * site staff and the guard) once per exit, re-armed by a fix inside. Only a transition touches the
 * database.
 */
@Injectable()
export class GeofenceBreaches {
  private readonly log = rootLogger().child({ context: 'geofence' });
  constructor(
    private readonly sites: SiteCache,
    private readonly runner: CommandRunner,
  ) {}

  /**
   * Checks one accepted fix. Synchronous while the site is cached and nothing is breached (almost
   * every fix): a promise per fix was garbage for nothing.
   */
  check(me: Principal, track: GuardTrack, fix: Fix): void | Promise<void> {
    const site = this.sites.peek(track.siteId);
    if (site === undefined)
      return this.sites.get(track.siteId).then((loaded) => this.checkAt(me, track, fix, loaded));
    return this.checkAt(me, track, fix, site);
  }

  private checkAt(me: Principal, track: GuardTrack, fix: Fix, site: SiteInfo | null): void | Promise<void> {
    if (!site?.geofence) return;
    const t = geofenceTransition(track.inside, isInsideGeofence(fix, site.geofence));
    track.inside = t.inside;
    if (t.breach) return this.recordBreach(me, track, fix, site);
  }

  private async recordBreach(me: Principal, track: GuardTrack, fix: Fix, site: SiteInfo): Promise<void> {
    const location = {
      lat: fix.lat,
      lng: fix.lng,
      accuracy: fix.accuracy,
      recordedAt: new Date(fix.recordedAt).toISOString(),
    };
    try {
      await this.runner.runSystem(async (uow) => {
        const appended = uow.append({
          type: 'geofence_breach',
          siteId: site.id,
          streams: [Rooms.siteStaff(site.id), Rooms.user(me.userId)],
          data: { userId: me.userId, location, site: { id: site.id, name: site.name } },
          occurredAt: new Date(fix.recordedAt),
        });
        uow.raise(new GeofenceBreachedEvent(me.userId, site.id), appended);
      }, actorOf(me));
    } catch (e) {
      track.inside = undefined; // not recorded: the next fix outside tries again
      this.log.error({ err: e, userId: me.userId }, 'geofence breach not recorded');
    }
  }
}
