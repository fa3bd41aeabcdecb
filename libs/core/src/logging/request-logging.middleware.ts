import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { rootLogger } from './logger.js';

const log = () => rootLogger().child({ context: 'http' });

/** Gives every request an id (echoed in `x-request-id`) and logs one line when it finishes. */
export function requestLogging(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  (req as Request & { id: string }).id = id;
  res.setHeader('x-request-id', id);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The path only: query strings may carry tokens and are never logged.
    log().info(
      { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
      'request',
    );
  });
  next();
}
