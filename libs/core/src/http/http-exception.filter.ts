import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { HTTP_STATUS_BY_CODE } from '../errors/error-codes.js';
import { toErrorBody } from '../errors/to-error-body.js';
import { rootLogger } from '../logging/logger.js';

/** REST errors as `{ statusCode, code, message, details? }`; unknown failures are logged, not shown. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly log = rootLogger().child({ context: 'http-errors' });

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<{ id?: string; method: string; path: string }>();
    const body = toErrorBody(exception);
    if (body.code === 'INTERNAL' || body.code === 'UNAVAILABLE')
      this.log.error({ err: exception, reqId: req.id, method: req.method, path: req.path }, 'request failed');
    const statusCode = HTTP_STATUS_BY_CODE[body.code];
    if (body.code === 'RATE_LIMITED' || body.code === 'UNAVAILABLE') {
      const ms = (body.details as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      if (ms) res.setHeader('Retry-After', String(Math.ceil(ms / 1000)));
    }
    if (res.headersSent) return;
    res.status(statusCode).json({
      statusCode,
      code: body.code,
      message: body.message,
      ...(body.details !== undefined && { details: body.details }),
    });
  }
}
