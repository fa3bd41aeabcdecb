import { createHash, timingSafeEqual } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/error-codes.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when no METRICS_TOKEN is set, or the request carries it as a bearer token (compared in constant time). */
export function metricsTokenAccepts(
  expected: string | undefined,
  authorization: string | undefined,
): boolean {
  if (!expected) return true;
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics (docs/protocol.md section 13), at the root as Prometheus expects it, outside the REST
 * prefix and its JWT guard: a scraper holds METRICS_TOKEN, not a user's token. Mounted on Express
 * directly because the admin JSON endpoint already answers `metrics` under /api/v1.
 */
export function mountPrometheusEndpoint(app: INestApplication): void {
  const config = app.get(AppConfig);
  const metrics = app.get(PrometheusMetrics);
  const express = app.getHttpAdapter().getInstance() as {
    get(path: string, handler: (req: Request, res: Response) => void): void;
  };
  express.get('/metrics', (req, res) => {
    if (!metricsTokenAccepts(config.METRICS_TOKEN, req.headers.authorization)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({
        statusCode: 401,
        code: ErrorCode.UNAUTHORIZED,
        message: 'GET /metrics needs the METRICS_TOKEN as a bearer token',
      });
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.status(200).type(metrics.registry.contentType).send(text),
      (err: unknown) =>
        res.status(500).json({ statusCode: 500, code: ErrorCode.INTERNAL, message: String(err) }),
    );
  });
}
