import { Injectable } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import type { PsSocket } from '../session/socket-session.js';

export const RATE_LIMITED_WINDOW_MS = 10_000;

const COUNT = Symbol('ps:rate-limited');
type CountedSocket = PsSocket & { [COUNT]?: { count: number; until: number } };

/**
 * A socket that keeps sending past its budget is cut off: its RATE_LIMITED answers are counted in
 * windows of 10 s, and at WS_RATE_LIMITED_CUTOFF in one window the server disconnects it
 * (a client that honours retryAfterMs never gets near it). Its refusals are aggregated in the audit
 * log (AuditService) and the disconnect is audited with its reason.
 */
@Injectable()
export class RateLimitedDisconnect {
  private readonly log = rootLogger().child({ context: 'rate-limit' });
  constructor(private readonly config: AppConfig) {}

  /** Counts one RATE_LIMITED answer to the socket; disconnects it at the limit. */
  note(socket: PsSocket): void {
    const counted = socket as CountedSocket;
    const now = Date.now();
    let w = counted[COUNT];
    if (!w || w.until <= now) w = counted[COUNT] = { count: 0, until: now + RATE_LIMITED_WINDOW_MS };
    if (++w.count !== this.config.WS_RATE_LIMITED_CUTOFF) return;
    this.log.warn(
      { socketId: socket.id, userId: socket.data?.principal?.userId, refusals: w.count },
      'socket kept sending past its rate limit; disconnecting it',
    );
    socket.disconnect(true);
  }
}
