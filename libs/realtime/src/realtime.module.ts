import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig, RedisConnections } from '#core';
import { CLUSTER_ADAPTER, InMemoryClusterAdapter } from './adapter/cluster-adapter.js';
import { RedisClusterAdapter } from './adapter/redis-cluster-adapter.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { RateLimitedDisconnect } from './commands/rate-limited-disconnect.js';
import { CommandThrottle } from './commands/command-throttle.js';
import { DurableDelivery } from './delivery/durable-delivery.service.js';
import { LogFollower } from './delivery/log-follower.service.js';
import { LogListener } from './delivery/log-listener.js';
import { WsRolesGuard } from './commands/ws-roles.guard.js';
import { RetentionService } from './maintenance/retention.service.js';
import { BroadcastWhenPresenceChanged } from './presence/broadcast-when-presence-changed.handler.js';
import { PRESENCE_STORE, PresenceService } from './presence/presence.service.js';
import { MemoryPresenceStore } from './presence/presence.store.js';
import { RedisPresenceStore } from './presence/redis-presence.store.js';
import { Publisher } from './publisher/publisher.service.js';
import { GracefulShutdown } from './session/graceful-shutdown.service.js';
import { HandshakeService } from './session/handshake.service.js';
import {
  JoinAdminsWhenSiteCreated,
  MoveSocketsWhenMembershipChanged,
  RevokeSocketsWhenPasswordChanged,
  RevokeSocketsWhenUserDeactivated,
} from './session/membership-events.handlers.js';
import { MembershipSync } from './session/membership-sync.service.js';
import { SessionControlLog } from './session-controls/session-control-log.js';
import { SessionControls } from './session-controls/session-controls.service.js';
import { SessionRecheck } from './session-controls/session-recheck.service.js';
import { SessionLifecycle } from './session/session-lifecycle.service.js';
import { SessionGateway } from './session/session.gateway.js';
import { SiteSnapshotRegistry } from './session/site-snapshot.registry.js';
import { SiteViewService } from './session/site-view.service.js';
import { SyncService } from './session/sync.service.js';
import { CommandRunner } from './streams/command-runner.js';
import { EventStore } from './streams/event-store.js';
import { TimerPoller } from './timers/timer-poller.service.js';
import { TimerService } from './timers/timer.service.js';

/** The socket layer every feature rides on. */
@Global()
@Module({
  imports: [CqrsModule],
  controllers: [AuditController],
  providers: [
    {
      provide: CLUSTER_ADAPTER,
      inject: [RedisConnections, AppConfig],
      // Cross-node requests wait past the panic receipt window: each node answers after its own.
      useFactory: (redis: RedisConnections, config: AppConfig) =>
        redis.enabled
          ? new RedisClusterAdapter(redis, Math.max(5000, config.PANIC_RECEIPT_TIMEOUT_S * 1000 + 2000))
          : new InMemoryClusterAdapter(),
    },
    AuditService,
    CommandThrottle,
    RateLimitedDisconnect,
    WsRolesGuard,
    Publisher,
    DurableDelivery,
    LogListener,
    LogFollower,
    SessionControlLog,
    SessionControls,
    SessionRecheck,
    PresenceService,
    BroadcastWhenPresenceChanged,
    {
      provide: PRESENCE_STORE,
      inject: [RedisConnections],
      useFactory: (redis: RedisConnections) =>
        redis.enabled ? new RedisPresenceStore(redis.commands, redis.prefix) : new MemoryPresenceStore(),
    },
    HandshakeService,
    GracefulShutdown,
    SessionLifecycle,
    MembershipSync,
    MoveSocketsWhenMembershipChanged,
    RevokeSocketsWhenUserDeactivated,
    RevokeSocketsWhenPasswordChanged,
    JoinAdminsWhenSiteCreated,
    SessionGateway,
    SiteSnapshotRegistry,
    SiteViewService,
    SyncService,
    EventStore,
    CommandRunner,
    TimerService,
    TimerPoller,
    RetentionService,
  ],
  exports: [
    CLUSTER_ADAPTER,
    AuditService,
    Publisher,
    SessionControls,
    PresenceService,
    SiteSnapshotRegistry,
    EventStore,
    CommandRunner,
    TimerService,
    TimerPoller,
    WsRolesGuard,
  ],
})
export class RealtimeModule {}
