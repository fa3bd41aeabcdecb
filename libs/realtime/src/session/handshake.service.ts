import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  clientAddress,
  compileTrust,
  epochOf,
  extractBearer,
  MembershipService,
  TokenError,
  TokenService,
} from '#core';
import type { Socket } from 'socket.io';
import { readableStreams } from '../contract/rooms.js';
import { EventStore } from '../streams/event-store.js';
import type { SocketSession } from './socket-session.js';

export type HandshakeCode =
  'AUTH_REQUIRED' | 'AUTH_INVALID' | 'AUTH_EXPIRED' | 'USER_INACTIVE' | 'DEVICE_MISMATCH';

const MESSAGES: Record<HandshakeCode, string> = {
  AUTH_REQUIRED: 'An access token is required',
  AUTH_INVALID: 'The access token is invalid',
  AUTH_EXPIRED: 'The access token has expired',
  USER_INACTIVE: 'This user is deactivated',
  DEVICE_MISMATCH: 'The token is bound to another device',
};

/** The error Socket.IO hands to the client's `connect_error`: message = code, data = { code, message }. */
export class HandshakeError extends Error {
  readonly data: { code: HandshakeCode; message: string };
  /** The user, when the token was genuine (for the audit log; never sent to the client). */
  constructor(
    readonly code: HandshakeCode,
    readonly userId?: string,
  ) {
    super(code);
    this.data = { code, message: MESSAGES[code] };
  }
}

/** Authenticates a connection before it exists (runs as Socket.IO middleware). */
@Injectable()
export class HandshakeService {
  private readonly trust: ReturnType<typeof compileTrust>;
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly membership: MembershipService,
    private readonly events: EventStore,
  ) {
    this.trust = compileTrust(config.TRUST_PROXY);
  }

  /** The client's address, through trusted proxies (TRUST_PROXY). */
  remoteOf(socket: Socket): string {
    return clientAddress(socket.handshake.address, socket.handshake.headers, this.trust);
  }

  private tokenOf(socket: Socket): string | undefined {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const fromAuth = extractBearer(auth?.token);
    if (fromAuth) return fromAuth;
    const header = socket.handshake.headers.authorization;
    if (typeof header === 'string' && /^bearer\s/i.test(header)) return extractBearer(header);
    if (this.config.ALLOW_QUERY_TOKEN) return extractBearer(socket.handshake.query.token);
    return undefined;
  }

  async authenticate(socket: Socket): Promise<SocketSession> {
    const token = this.tokenOf(socket);
    if (!token) throw new HandshakeError('AUTH_REQUIRED');
    let claims;
    try {
      claims = this.tokens.verifyAccess(token);
    } catch (e) {
      throw new HandshakeError(e instanceof TokenError ? e.reason : 'AUTH_INVALID');
    }
    const rawDevice = (socket.handshake.auth as Record<string, unknown> | undefined)?.deviceId;
    const deviceId = typeof rawDevice === 'string' && rawDevice.length <= 128 ? rawDevice : undefined;
    if (claims.did !== undefined && claims.did !== deviceId)
      throw new HandshakeError('DEVICE_MISMATCH', claims.sub);
    const member = await this.membership.load(claims.sub);
    if (!member) throw new HandshakeError('AUTH_INVALID');
    if (!member.active) throw new HandshakeError('USER_INACTIVE', member.userId);
    // issued before the user's last password change: as invalid as a bad signature
    if (epochOf(claims) !== member.tokenEpoch) throw new HandshakeError('AUTH_INVALID', member.userId);
    forgetToken(socket.handshake);
    const siteIds = await this.membership.visibleSiteIds(member.role, member.siteIds);
    const principal = { userId: member.userId, role: member.role, name: member.name, siteIds, deviceId };
    return {
      principal,
      expiresAt: claims.exp * 1000,
      connectedAt: Date.now(),
      remoteAddress: this.remoteOf(socket),
      deviceId,
      tokenEpoch: member.tokenEpoch,
      streamHeads: await this.events.heads(readableStreams(principal)),
    };
  }
}

/**
 * Once verified, the access token is not needed for the socket's life: keep the secret out of the
 * memory each socket holds and out of the handshake that fetchSockets() sends to other nodes.
 */
function forgetToken(handshake: Socket['handshake']): void {
  const auth = handshake.auth as Record<string, unknown> | undefined;
  if (auth) delete auth.token;
  delete handshake.headers.authorization;
  delete handshake.query.token;
  handshake.url = handshake.url.split('?')[0]; // the query string may carry the token too
}
