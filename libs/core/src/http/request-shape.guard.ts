import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { checkPayload, REST_PAYLOAD_LIMITS } from '../validation/payload-shape.js';

/**
 * Every REST input (body, query, path parameters) passes the socket payload rule before anything
 * recursive or the database sees it: at most 8 levels deep (5,000 nested brackets overflowed
 * class-transformer's stack), no NUL or lone surrogates (PostgreSQL refuses NUL in text and
 * answered 500), no prototype keys. A global guard: guards run before pipes, so before any walk.
 */
@Injectable()
export class RequestShapeGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true; // sockets check their payloads in the adapter
    const req = ctx.switchToHttp().getRequest<Request>();
    const problem =
      (req.body === undefined ? null : checkPayload(req.body, REST_PAYLOAD_LIMITS)) ??
      checkPayload(req.query ?? {}, REST_PAYLOAD_LIMITS) ??
      checkPayload(req.params ?? {}, REST_PAYLOAD_LIMITS);
    if (problem) throw problem;
    return true;
  }
}
