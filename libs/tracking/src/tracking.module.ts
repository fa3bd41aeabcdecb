import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SiteSnapshotRegistry } from '#realtime';
import { LocationBatcher } from './batching/location-batcher.service.js';
import { RequestBackupHandler } from './commands/request-backup/request-backup.handler.js';
import { UpdateLocationHandler } from './commands/update-location/update-location.handler.js';
import { BroadcastWhenDashboardStatsComputed } from './event-handlers/broadcast-when-dashboard-stats-computed.handler.js';
import { BroadcastWhenLocationsBatched } from './event-handlers/broadcast-when-locations-batched.handler.js';
import { BroadcastWhenPanicGuardMoved } from './event-handlers/broadcast-when-panic-guard-moved.handler.js';
import { BroadcastWhenTrackingAlert } from './event-handlers/broadcast-when-tracking-alert.handler.js';
import { TrackWhenShiftStarted } from './event-handlers/track-when-shift-started.handler.js';
import { UntrackWhenShiftEnded } from './event-handlers/untrack-when-shift-ended.handler.js';
import { FollowPanicWhenPanicChanged } from './event-handlers/follow-panic-when-panic-changed.handler.js';
import { RequestBackupWhenPanicRaised } from './event-handlers/request-backup-when-panic-raised.handler.js';
import { GeofenceBreaches } from './geofence/geofence-breaches.service.js';
import { ActivePanics } from './panic-tracking/active-panics.service.js';
import { LocationHistoryRepository } from './persistence/location-history.repository.js';
import { LocationRetention } from './persistence/location-retention.service.js';
import { LivePositionsQuery } from './queries/live-positions.query.js';
import { LocationHistoryQuery } from './queries/location-history.query.js';
import { GuardStaleTimers } from './stale/guard-stale.timers.js';
import { ActiveShiftCache } from './state/active-shift.cache.js';
import { GuardTrackStore } from './state/guard-track.store.js';
import { SiteCache } from './state/site.cache.js';
import { DashboardStatsService } from './stats/dashboard-stats.service.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingGateway } from './tracking.gateway.js';
import { SiteWatchService } from './watch/site-watch.service.js';

/** The tracking feature: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [TrackingController],
  providers: [
    TrackingGateway,
    UpdateLocationHandler,
    ActiveShiftCache,
    SiteCache,
    GuardTrackStore,
    LocationHistoryRepository,
    LocationBatcher,
    LocationRetention,
    GeofenceBreaches,
    GuardStaleTimers,
    SiteWatchService,
    DashboardStatsService,
    TrackWhenShiftStarted,
    UntrackWhenShiftEnded,
    LivePositionsQuery,
    LocationHistoryQuery,
    ActivePanics,
    FollowPanicWhenPanicChanged,
    RequestBackupWhenPanicRaised,
    RequestBackupHandler,
    BroadcastWhenLocationsBatched,
    BroadcastWhenPanicGuardMoved,
    BroadcastWhenTrackingAlert,
    BroadcastWhenDashboardStatsComputed,
  ],
})
export class TrackingModule implements OnModuleInit {
  constructor(
    private readonly snapshots: SiteSnapshotRegistry,
    private readonly live: LivePositionsQuery,
  ) {}

  onModuleInit(): void {
    this.snapshots.register('guardsOnShift', (siteId) => this.live.guardsOnShift(siteId));
  }
}
