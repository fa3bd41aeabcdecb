import { createRequire } from 'node:module';
import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';

/** Keys whose values never reach a log line, wherever they appear. */
export const SECRET_KEYS = [
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'secret',
  'jwt',
];

const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

export type LogFormat = 'pretty' | 'json';

/** LOG_FORMAT when set; otherwise pretty for a person at a terminal in development, JSON for collectors. */
export function logFormatFor(
  setting: LogFormat | undefined,
  nodeEnv: string,
  stdoutIsTty = !!process.stdout.isTTY,
): LogFormat {
  return setting ?? (nodeEnv === 'development' && stdoutIsTty ? 'pretty' : 'json');
}

/**
 * pino-pretty as an in-process stream (no worker thread), loaded only when asked for: it is an
 * optional dependency the production image leaves out, where asking for it falls back to JSON.
 */
function prettyStream(): DestinationStream | null {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (o: object) => DestinationStream;
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  } catch {
    return null;
  }
}

export function createRootLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  format: LogFormat = 'json',
): Logger {
  const options = {
    level,
    base: { service: 'patrolshield-api', pid: process.pid },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const pretty = format === 'pretty' ? prettyStream() : null;
  const logger = pretty ? pino(options, pretty) : pino(options);
  if (format === 'pretty' && !pretty)
    logger.warn('LOG_FORMAT=pretty but pino-pretty is not installed: JSON logs');
  return logger;
}

let root: Logger | undefined;
/** The process-wide structured logger; components take a child with their own `context`. */
export function rootLogger(): Logger {
  root ??= createRootLogger();
  return root;
}
export function setRootLogger(logger: Logger): void {
  root = logger;
}

/**
 * Nest's boot chatter: a line per module initialised, per controller and per route mapped (about a
 * hundred lines). Kept at debug level; the banner says what matters (URLs, readiness time).
 */
const BOOT_CONTEXTS = new Set([
  'RouterExplorer',
  'RoutesResolver',
  'InstanceLoader',
  'WebSocketsController',
  'NestFactory',
  'NestApplication',
]);

/** Routes Nest's own framework logs into pino so every line is structured JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger = rootLogger()) {}
  log(message: unknown, context?: string): void {
    if (context !== undefined && BOOT_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
