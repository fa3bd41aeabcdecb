import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { isDependencyDown, rootLogger, SECRET_KEYS } from '#core';
import { DataSource } from 'typeorm';

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
const FLUSH_MS = 500;
const MAX_BUFFER = 500;

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

/** Buffers audit rows and writes them in multi-row inserts; flushed on shutdown. */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private buffer: (AuditRecord & { at: Date })[] = [];
  private timer?: NodeJS.Timeout;
  private failing = false;
  private flushing: Promise<void> = Promise.resolve();
  private readonly log = rootLogger().child({ context: 'audit' });

  constructor(private readonly db: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(r: AuditRecord): void {
    this.buffer.push({
      ...r,
      event: storable(r.event), // unknown events are audited under the client's own name
      payload: r.payload === undefined ? undefined : redactPayload(r.payload),
      at: new Date(),
    });
    if (this.buffer.length >= MAX_BUFFER) void this.flush();
  }

  /** Writes the buffered rows; resolves once every earlier flush (the periodic one too) has settled. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    if (!this.buffer.length) return;
    const rows = this.buffer.splice(0, this.buffer.length);
    try {
      await this.insert(rows);
      if (this.failing) this.log.info('audit writes recovered');
      this.failing = false;
    } catch (e) {
      if (!isDependencyDown(e)) return this.insertOneByOne(rows);
      // Keep the rows for the next attempt (bounded), and say so once per outage.
      this.buffer = rows.concat(this.buffer).slice(-10 * MAX_BUFFER);
      if (!this.failing) this.log.error({ err: e }, 'audit write failed; will retry');
      this.failing = true;
    }
  }

  /** A batch the database refused for its content: store what it accepts, drop (and log) the rest. */
  private async insertOneByOne(rows: (AuditRecord & { at: Date })[]): Promise<void> {
    for (const [i, row] of rows.entries()) {
      try {
        await this.insert([row]);
      } catch (err) {
        if (isDependencyDown(err)) {
          this.buffer = rows
            .slice(i)
            .concat(this.buffer)
            .slice(-10 * MAX_BUFFER);
          return;
        }
        this.log.error({ err, event: row.event, result: row.result }, 'audit row refused; dropped');
      }
    }
  }

  private async insert(rows: (AuditRecord & { at: Date })[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const values = [
        r.at,
        r.userId ?? null,
        r.socketId ?? null,
        r.remote ?? null,
        r.event,
        r.result,
        r.code ?? null,
        r.payload === undefined ? null : JSON.stringify(r.payload),
        r.details === undefined ? null : JSON.stringify(r.details),
      ];
      const base = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await this.db.query(
      `INSERT INTO audit_log (at, user_id, socket_id, remote, event, result, code, payload, details) VALUES ${tuples.join(', ')}`,
      params,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // The adapter flushes after the socket server closed; the database may be gone by now.
    if (!this.db.isInitialized) {
      if (this.buffer.length) this.log.warn({ lost: this.buffer.length }, 'audit rows lost at shutdown');
      return;
    }
    await this.flush();
  }
}
