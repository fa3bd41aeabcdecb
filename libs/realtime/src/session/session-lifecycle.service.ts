import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  AppConfig,
  AppError,
  epochOf,
  MembershipService,
  TokenError,
  TokenService,
  type Principal,
} from '#core';
import { AuditService } from '../audit/audit.service.js';
import { roomsOf } from '../contract/rooms.js';
import { PresenceService } from '../presence/presence.service.js';
import { SessionDeadlines } from './session-deadlines.js';
import { applyPrincipal, revoke } from './socket-principal.js';
import type { PsSocket } from './socket-session.js';

/**
 * A socket's life after the handshake: rooms, the `session` event, expiry warnings and cut-off,
 * token refresh, presence and audit. Everything here runs synchronously on connect, so rooms are
 * joined before the client can send its first command.
 */
@Injectable()
export class SessionLifecycle implements OnApplicationShutdown {
  private readonly deadlines: SessionDeadlines<PsSocket>;
  constructor(
    config: AppConfig,
    private readonly tokens: TokenService,
    private readonly membership: MembershipService,
    private readonly presence: PresenceService,
    private readonly audit: AuditService,
  ) {
    this.deadlines = new SessionDeadlines<PsSocket>(config.SESSION_EXPIRING_LEAD_S * 1000, {
      warn: (socket) =>
        socket.emit('session_expiring', { expiresAt: new Date(socket.data.expiresAt).toISOString() }),
      expire: (socket) => {
        const expiresAt = new Date(socket.data.expiresAt).toISOString();
        socket.emit('session_expired', { expiresAt, reason: 'TOKEN_EXPIRED' });
        socket.disconnect(true);
      },
    });
  }

  onConnect(socket: PsSocket): void {
    const s = socket.data;
    void socket.join(roomsOf(s.principal));
    socket.emit('session', {
      userId: s.principal.userId,
      role: s.principal.role,
      name: s.principal.name,
      siteIds: s.principal.siteIds,
      streams: s.streamHeads ?? {},
      expiresAt: new Date(s.expiresAt).toISOString(),
      serverTime: new Date().toISOString(),
    });
    s.streamHeads = undefined; // sent; kept no longer (memory per socket)
    this.deadlines.schedule(socket);
    this.presence.socketConnected(s.principal, socket.id);
    void this.catchUpMembership(socket);
    this.audit.record({
      userId: s.principal.userId,
      socketId: socket.id,
      remote: s.remoteAddress,
      event: 'connect',
      result: 'connected',
    });
    socket.once('disconnect', (reason) => {
      this.presence.socketDisconnected(socket.data.principal, socket.id);
      this.audit.record({
        userId: s.principal.userId,
        socketId: socket.id,
        remote: s.remoteAddress,
        event: 'disconnect',
        result: 'disconnected',
        details: { reason, durationMs: Date.now() - s.connectedAt },
      });
    });
  }

  /**
   * An admin may change this user's role or sites, or deactivate them, while the handshake was
   * reading them; the change then missed this socket (not yet in its user room). Re-read once
   * after joining and correct this socket the same way a live change would.
   */
  private async catchUpMembership(socket: PsSocket): Promise<void> {
    try {
      const member = await this.membership.load(socket.data.principal.userId);
      if (!socket.connected) return;
      // Deactivated while the handshake ran: the revocation missed this socket (not in its room yet).
      if (!member?.active) return revoke(socket, 'USER_DEACTIVATED');
      // The password changed while the handshake ran: the same revocation, for the same reason.
      if (member.tokenEpoch !== socket.data.tokenEpoch) return revoke(socket, 'PASSWORD_CHANGED');
      const siteIds = await this.membership.visibleSiteIds(member.role, member.siteIds);
      if (!applyPrincipal(socket, member.role, siteIds)) return;
      socket.emit('assignments_changed', { siteIds, role: member.role });
    } catch {
      /* the next live change or reconnect corrects it; never fail a connection over this */
    }
  }

  /** `auth_refresh`: a fresh access token of the same user (and device) extends this socket. */
  async refresh(socket: PsSocket, token: string): Promise<{ expiresAt: string }> {
    let claims;
    try {
      claims = this.tokens.verifyAccess(token);
    } catch (e) {
      throw AppError.unauthorized(
        e instanceof TokenError && e.reason === 'AUTH_EXPIRED' ? 'Token expired' : 'Token invalid',
      );
    }
    const s = socket.data;
    if (claims.sub !== s.principal.userId) throw AppError.forbidden('The token belongs to another user');
    if (claims.did !== undefined && claims.did !== s.deviceId)
      throw AppError.forbidden('The token is bound to another device');
    const member = await this.membership.load(claims.sub);
    if (!member?.active) throw AppError.unauthorized('User inactive');
    if (epochOf(claims) !== member.tokenEpoch)
      throw AppError.unauthorized('Token revoked (the password changed); sign in again');
    s.expiresAt = claims.exp * 1000;
    this.deadlines.schedule(socket);
    return { expiresAt: new Date(s.expiresAt).toISOString() };
  }

  /** Replaces the cached principal of a local socket after a role or site change. */
  updatePrincipal(socket: PsSocket, principal: Principal): void {
    socket.data.principal = principal;
  }

  onApplicationShutdown(): void {
    this.deadlines.stop();
  }
}
