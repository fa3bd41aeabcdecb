import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MembershipService, RedisConnections, rootLogger } from '#core';
import { Publisher } from '../publisher/publisher.service.js';
import { applyPrincipal, revoke } from '../session/socket-principal.js';

/**
 * When Redis answers again after an outage, this node re-reads who its sockets' users are (active,
 * token epoch, role, sites) and corrects them: whatever the outage kept from it, the database still knows.
 * The session controls' log covers the outage already; this also covers what no control says.
 */
@Injectable()
export class SessionRecheck implements OnModuleInit {
  private readonly log = rootLogger().child({ context: 'session-recheck' });

  constructor(
    private readonly redis: RedisConnections,
    private readonly membership: MembershipService,
    private readonly publisher: Publisher,
  ) {}

  onModuleInit(): void {
    if (this.redis.enabled) this.redis.onRecovered(() => void this.recheckAll());
  }

  async recheckAll(): Promise<void> {
    const io = this.publisher.attached;
    if (!io) return;
    try {
      const sockets = [...io.of('/').sockets.values()];
      const members = await this.membership.loadMany([
        ...new Set(sockets.map((s) => s.data.principal.userId)),
      ]);
      const allSites = await this.membership.visibleSiteIds('admin', []);
      let revoked = 0;
      let moved = 0;
      for (const socket of sockets) {
        const m = members.get(socket.data.principal.userId);
        if (!socket.connected) continue;
        if (!m?.active || m.tokenEpoch !== socket.data.tokenEpoch) {
          revoke(socket, m?.active ? 'PASSWORD_CHANGED' : 'USER_DEACTIVATED');
          revoked++;
          continue;
        }
        const siteIds = m.role === 'admin' ? allSites : m.siteIds;
        if (!applyPrincipal(socket, m.role, siteIds)) continue;
        socket.emit('assignments_changed', { siteIds, role: m.role });
        moved++;
      }
      this.log.info({ sockets: sockets.length, revoked, moved }, 'sessions rechecked after Redis came back');
    } catch (err) {
      this.log.warn({ err }, 'sessions not rechecked after Redis came back');
    }
  }
}
