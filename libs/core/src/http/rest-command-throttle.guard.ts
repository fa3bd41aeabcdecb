import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * REST commands (every method but reads) of an authenticated user count against
 * REST_COMMANDS_PER_S, per user and cluster-wide like socket budgets: 300 POST /incidents in 3 s
 * were 300 broadcasts to all site staff. Registered after the auth guard, which sets the principal;
 * public routes (login, refresh) have limits of their own.
 */
@Injectable()
export class RestCommandThrottleGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const userId = req.principal?.userId;
    if (!userId || READS.has(req.method)) return true;
    const key = `rest:${userId}`;
    const now = this.limiter.hitNow(key, this.config.REST_COMMANDS_PER_S, 1000);
    if (now) return this.decide(now);
    return this.limiter.hit(key, this.config.REST_COMMANDS_PER_S, 1000).then((d) => this.decide(d));
  }

  private decide(d: { allowed: boolean; retryAfterMs: number }): boolean {
    if (!d.allowed) throw AppError.rateLimited(d.retryAfterMs);
    return true;
  }
}
