import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, RateLimiter } from '#core';
import type { PsSocket } from '../session/socket-session.js';
import type { CommandBudget, ResolvedCommandPolicy } from './command-policy.js';

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
 * Budgets through the shared store (cluster-wide with Redis), by the command's declared policy
 * (CommandPolicy, resolved once per event name): every command per socket per second
 * (WS_COMMANDS_PER_S) unless its policy exempts it (a guard's panic must never be refused by a rate
 * limit), then the command's own per-user budget if it declares one (join_site per minute, typing).
 */
@Injectable()
export class CommandThrottle {
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * The refusal for this command, or null. Answered at once (no promise) when the budget store is
   * in this process and the command has no budget of its own: the common case on one node.
   */
  check(
    socket: PsSocket,
    event: string,
    policy: ResolvedCommandPolicy,
  ): AppError | null | Promise<AppError | null> {
    if (policy.exempt) return null;
    if (!policy.budget) {
      const burst = this.limiter.hitNow(budgetKey(socket), this.config.WS_COMMANDS_PER_S, 1000);
      if (burst) return burst.allowed ? null : AppError.rateLimited(burst.retryAfterMs);
    }
    return this.checkAsync(socket, event, policy.budget);
  }

  private async checkAsync(
    socket: PsSocket,
    event: string,
    own: CommandBudget | null,
  ): Promise<AppError | null> {
    const burst = await this.limiter.hit(budgetKey(socket), this.config.WS_COMMANDS_PER_S, 1000);
    if (!burst.allowed) return AppError.rateLimited(burst.retryAfterMs);
    if (own) {
      const userId = socket.data.principal.userId;
      const hit = await this.limiter.hit(`ws:${userId}:${event}`, own.limit, own.windowMs);
      if (!hit.allowed) return AppError.rateLimited(hit.retryAfterMs);
    }
    return null;
  }
}
