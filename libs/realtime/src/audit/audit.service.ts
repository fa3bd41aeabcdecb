import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig, isDependencyDown, rootLogger, RuntimeMetrics, SECRET_KEYS } from '#core';
import { DataSource } from 'typeorm';
import { AuditBuffer } from './audit-buffer.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { RefusalAggregator, type RefusalCount } from './refusal-aggregator.js';

export interface AuditRecord {
  userId?: string | null;
  socketId?: string | null;
  remote?: string | null;
  event: string;
  result: 'ok' | 'error' | 'refused' | 'connected' | 'disconnected';
  code?: string | null;
  payload?: unknown;
  details?: unknown;
}

const SECRET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

// PostgreSQL text and jsonb refuse NUL and unpaired UTF-16 surrogates. Refused commands are audited
// with the very payload the guard refused for containing them, so they must be made storable first.
// eslint-disable-next-line no-control-regex -- replacing NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (s: string): string => s.replace(UNSTORABLE, '\uFFFD');

/** A copy safe to store: secrets removed, strings and depth capped, NUL and lone surrogates replaced. */
export function redactPayload(value: unknown, depth = 0): unknown {
  if (depth > 5) return '[depth]';
  if (typeof value === 'string') return storable(value.length > 500 ? `${value.slice(0, 500)}…` : value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactPayload(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).slice(0, 50))
      out[storable(k)] = SECRET.has(k.toLowerCase()) ? '[redacted]' : redactPayload(v, depth + 1);
    return out;
  }
  return value;
}

export type AuditRow = AuditRecord & { at: Date };
type Row = AuditRow;

const FLUSH_MS = 500;
/** Rows per INSERT: 9 parameters each, far below PostgreSQL's 65,535 per statement. */
const BATCH = 500;

/** Refusals folded into one row per key and window (see RefusalAggregator). */
function refusalKey(r: AuditRecord): string | null {
  // a refused handshake: per client address (each attempt is a new socket), user and code
  if (r.result === 'refused') return `${r.event}|${r.code}|${r.remote}|${r.userId ?? ''}`;
  // a socket that keeps sending past its budget: per socket and command
  if (r.code === 'RATE_LIMITED') return `${r.socketId}|${r.event}|${r.code}`;
  return null;
}

/**
 * Buffers audit rows and writes them in multi-row inserts, at most AUDIT_MAX_ROWS_PER_S. While the
 * database is down the rows wait in a bounded buffer (AUDIT_BUFFER_MAX; past it the oldest are
 * dropped, counted in the admin metrics, with one warning per outage) and are written when it is
 * back. Repeated refusals are aggregated (one row with a count per address or socket and window).
 * Flushed in full on shutdown.
 */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private readonly buffer: AuditBuffer<Row>;
  private readonly refusals: RefusalAggregator<Row>;
  private readonly perFlush: number;
  private timer?: NodeJS.Timeout;
  private failing = false;
  private overflowWarned = false;
  private flushing: Promise<void> = Promise.resolve();
  private readonly log = rootLogger().child({ context: 'audit' });

  private readonly rows: AuditLogRepository;

  constructor(
    private readonly db: DataSource,
    config: AppConfig,
    metrics: RuntimeMetrics,
  ) {
    this.rows = new AuditLogRepository(db);
    this.buffer = new AuditBuffer(config.AUDIT_BUFFER_MAX);
    this.refusals = new RefusalAggregator(config.AUDIT_AGGREGATE_WINDOW_S * 1000, config.AUDIT_BUFFER_MAX);
    this.perFlush = Math.max(1, Math.ceil((config.AUDIT_MAX_ROWS_PER_S * FLUSH_MS) / 1000));
    metrics.addSection('audit', () => ({
      buffered: this.buffer.size,
      capacity: this.buffer.capacity,
      dropped: this.buffer.dropped,
      openRefusalWindows: this.refusals.open,
    }));
  }

  onModuleInit(): void {
    // One periodic flush at a time: during a hang (each write waits up to COMMAND_TIMEOUT_MS)
    // ticks must not pile up behind it.
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      void this.flush(this.perFlush).finally(() => (running = false));
    }, FLUSH_MS);
    this.timer.unref();
  }

  record(r: AuditRecord): void {
    const row: Row = {
      ...r,
      event: storable(r.event), // unknown events are audited under the client's own name
      payload: r.payload === undefined ? undefined : redactPayload(r.payload),
      at: new Date(),
    };
    const key = refusalKey(row);
    if (key === null) return this.enqueue(row);
    this.enqueueCounted(this.refusals.add(key, row));
  }

  /**
   * Writes buffered rows, at most `max` (the periodic flush: the write rate bound; by default every
   * row and every open refusal window). Resolves once every earlier flush has settled.
   */
  flush(max = Infinity): Promise<void> {
    // never rejects: a failure of one flush must not stop every later one
    this.flushing = this.flushing
      .then(() => this.flushNow(max))
      .catch((err: unknown) => this.log.error({ err }, 'audit flush failed'));
    return this.flushing;
  }

  /** Removes audit rows older than `cutoff` (AUDIT_RETENTION_DAYS); how many. */
  pruneOlderThan(cutoff: Date): Promise<number> {
    return this.rows.pruneOlderThan(cutoff);
  }

  private enqueue(row: Row): void {
    if (this.buffer.push(row)) this.warnOverflow();
  }

  /** Rows that could not be written go back in front of the buffer (bounded). */
  private keep(rows: Row[]): void {
    if (this.buffer.putBack(rows)) this.warnOverflow();
  }

  /** One line per outage: past AUDIT_BUFFER_MAX the oldest rows are dropped (metrics audit.dropped). */
  private warnOverflow(): void {
    if (this.overflowWarned) return;
    this.overflowWarned = true;
    this.log.warn(
      { capacity: this.buffer.capacity },
      'audit buffer full; dropping the oldest rows until writes succeed (counted in metrics audit.dropped)',
    );
  }

  private enqueueCounted(closed: [Row, RefusalCount][]): void {
    for (const [row, count] of closed)
      this.enqueue({ ...row, details: { ...(row.details as object | undefined), ...count } });
  }

  private async flushNow(max: number): Promise<void> {
    this.enqueueCounted(this.refusals.drain(Date.now(), max === Infinity));
    let written = 0;
    while (this.buffer.size && written < max) {
      const rows = this.buffer.take(Math.min(BATCH, max - written));
      try {
        await this.rows.insert(rows);
        written += rows.length;
      } catch (e) {
        if (!isDependencyDown(e)) {
          if (!(await this.insertOneByOne(rows))) return;
          continue;
        }
        // Keep the rows for the next attempt (bounded), and say so once per outage.
        this.keep(rows);
        if (!this.failing) this.log.error({ err: e }, 'audit write failed; will retry');
        this.failing = true;
        return;
      }
    }
    if (written && this.failing) this.log.info({ buffered: this.buffer.size }, 'audit writes recovered');
    if (written) this.failing = this.overflowWarned = false;
  }

  /**
   * A batch the database refused for its content: store what it accepts, drop (and log) the rest.
   * False when the database went away meanwhile (the rest is kept for later).
   */
  private async insertOneByOne(rows: Row[]): Promise<boolean> {
    for (const [i, row] of rows.entries()) {
      try {
        await this.rows.insert([row]);
      } catch (err) {
        if (isDependencyDown(err)) {
          this.keep(rows.slice(i));
          return false;
        }
        this.log.error({ err, event: row.event, result: row.result }, 'audit row refused; dropped');
      }
    }
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // The adapter flushes after the socket server closed; the database may be gone by now.
    if (!this.db.isInitialized) {
      const lost = this.buffer.size + this.refusals.open;
      if (lost) this.log.warn({ lost }, 'audit rows lost at shutdown');
      return;
    }
    await this.flush();
  }
}
