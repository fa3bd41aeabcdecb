import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, RateLimiter } from '#core';
import type { PsSocket } from '../session/socket-session.js';

/**
 * The socket's budget key, built once: a key built per command is a new string that the store's
 * Map must flatten, hash and compare by content on every lookup (1.3% of the server's CPU in the
 * 10,000-guard fleet); the same string object keeps its hash and compares by identity.
 */
const BUDGET_KEY = Symbol('ps:budget-key');
type KeyedSocket = PsSocket & { [BUDGET_KEY]?: string };

/**
 * Per-event-class budgets, counted per user through the shared store (cluster-wide with Redis).
 * panic_alert is exempt: a guard's panic must never be refused by a rate limit; duplicates of an
 * active panic are absorbed by the panic rules instead. update_location has its own 1 s rule.
 */
@Injectable()
export class CommandThrottle {
  private static readonly EXEMPT = new Set(['panic_alert']);
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  async check(socket: PsSocket, event: string): Promise<AppError | null> {
    if (CommandThrottle.EXEMPT.has(event)) return null;
    const userId = socket.data.principal.userId;
    const key = ((socket as KeyedSocket)[BUDGET_KEY] ??= `ws:${userId}:all`);
    const burst = await this.limiter.hit(key, this.config.WS_COMMANDS_PER_S, 1000);
    if (!burst.allowed) return AppError.rateLimited(burst.retryAfterMs);
    if (event === 'join_site') {
      const joins = await this.limiter.hit(
        `ws:${userId}:join_site`,
        this.config.WS_JOIN_SITE_PER_MIN,
        60_000,
      );
      if (!joins.allowed) return AppError.rateLimited(joins.retryAfterMs);
    }
    return null;
  }
}
