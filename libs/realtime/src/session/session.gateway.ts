import { ConnectedSocket, MessageBody } from '@nestjs/websockets';
import { AppError, isSiteStaff, type Principal } from '#core';
import { CommandPolicy } from '../commands/command-policy.js';
import { OnCommand } from '../commands/on-command.decorator.js';
import { RealtimeGateway, WsPrincipal } from '../commands/realtime-gateway.decorator.js';
import { SiteViewService } from './site-view.service.js';
import { SessionLifecycle } from './session-lifecycle.service.js';
import { AuthRefreshDto, SiteDto, SyncDto } from './session.dto.js';
import type { PsSocket } from './socket-session.js';
import { SyncService } from './sync.service.js';

/** Commands about the connection itself: token refresh, catch-up, site views and presence. */
@RealtimeGateway()
export class SessionGateway {
  constructor(
    private readonly lifecycle: SessionLifecycle,
    private readonly syncs: SyncService,
    private readonly views: SiteViewService,
  ) {}

  @OnCommand('auth_refresh')
  refresh(@ConnectedSocket() socket: PsSocket, @MessageBody() dto: AuthRefreshDto) {
    return this.lifecycle.refresh(socket, dto.token);
  }

  @OnCommand('sync')
  sync(@WsPrincipal() me: Principal, @MessageBody() dto: SyncDto) {
    return this.syncs.sync(me, dto.cursors);
  }

  /** Each join answers with a snapshot of the site: a budget per user per minute of its own. */
  @CommandPolicy({ budget: (config) => ({ limit: config.WS_JOIN_SITE_PER_MIN, windowMs: 60_000 }) })
  @OnCommand('join_site')
  async join(@ConnectedSocket() socket: PsSocket, @WsPrincipal() me: Principal, @MessageBody() dto: SiteDto) {
    assertStaff(me, dto.siteId);
    return { snapshot: await this.views.join(socket, dto.siteId) };
  }

  @OnCommand('leave_site')
  leave(@ConnectedSocket() socket: PsSocket, @WsPrincipal() me: Principal, @MessageBody() dto: SiteDto) {
    assertStaff(me, dto.siteId);
    this.views.leave(socket, dto.siteId);
    return {};
  }

  @OnCommand('get_presence')
  async presence(@WsPrincipal() me: Principal, @MessageBody() dto: SiteDto) {
    assertStaff(me, dto.siteId);
    return { users: await this.views.presence(dto.siteId) };
  }
}

function assertStaff(me: Principal, siteId: string): void {
  if (!isSiteStaff(me, siteId)) throw AppError.forbidden('Only staff of this site can do this', { siteId });
}
