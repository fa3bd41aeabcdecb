import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, RateLimiter } from '#core';
import type { PsSocket } from '../session/socket-session.js';
import { commandPolicyOf } from './command-policy.js';

/**
 * The socket's budget key, built once per socket: a key built per command is a new string that the
 * in-memory store's Map must flatten and hash on every lookup (the store's increment was 1.3% of
 * the server's busy time in the 10,000-guard profile); a kept string keeps its hash. Per socket, as
 * WS_COMMANDS_PER_S is documented: counted per user, a guard's second device was starved by the first.
 */
const BUDGET_KEY = Symbol('ps:budget-key');
type KeyedSocket = PsSocket & { [BUDGET_KEY]?: string };

function budgetKey(socket: KeyedSocket): string {
  return (socket[BUDGET_KEY] ??= `ws:${socket.id}:all`);
}

/**
 * Per-event-class budgets through the shared store (cluster-wide with Redis): every command per
 * socket per second, join_site per user per minute.
 * panic_alert is exempt: a guard's panic must never be refused by a rate limit; duplicates of an
 * active panic are absorbed by the panic rules instead. update_location has its own 1 s rule.
 * A command may declare a budget of its own on its handler (CommandPolicy), checked after this one.
 */
@Injectable()
export class CommandThrottle {
  private static readonly EXEMPT = new Set(['panic_alert']);
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * The refusal for this command, or null. Answered at once (no promise) when the budget store is
   * in this process and the event has no second budget: the common case on one node.
   */
  check(socket: PsSocket, event: string): AppError | null | Promise<AppError | null> {
    if (CommandThrottle.EXEMPT.has(event)) return null;
    if (event !== 'join_site' && !commandPolicyOf(event)?.budget) {
      const key = budgetKey(socket);
      const burst = this.limiter.hitNow(key, this.config.WS_COMMANDS_PER_S, 1000);
      if (burst) return burst.allowed ? null : AppError.rateLimited(burst.retryAfterMs);
    }
    return this.checkAsync(socket, event);
  }

  private async checkAsync(socket: PsSocket, event: string): Promise<AppError | null> {
    const userId = socket.data.principal.userId;
    const burst = await this.limiter.hit(budgetKey(socket), this.config.WS_COMMANDS_PER_S, 1000);
    if (!burst.allowed) return AppError.rateLimited(burst.retryAfterMs);
    if (event === 'join_site') {
      const joins = await this.limiter.hit(
        `ws:${userId}:join_site`,
        this.config.WS_JOIN_SITE_PER_MIN,
        60_000,
      );
      if (!joins.allowed) return AppError.rateLimited(joins.retryAfterMs);
    }
    const own = commandPolicyOf(event)?.budget;
    if (own) {
      const hit = await this.limiter.hit(`ws:${userId}:${event}`, own.limit, own.windowMs);
      if (!hit.allowed) return AppError.rateLimited(hit.retryAfterMs);
    }
    return null;
  }
}
