import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { rootLogger } from '#core';
import pg from 'pg';
import { DataSource } from 'typeorm';

type NoticeHandler = (payload: string | undefined) => void;

/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_NAME = 'patrolshield-log-listener';

/** Backoff between reconnection attempts of the listening connection, ms. */
const RETRY_MS = [100, 250, 500, 1000, 2000];

/**
 * One dedicated PostgreSQL connection per node that LISTENs for the event log's and the session
 * controls' NOTIFYs: the wake-up of the log followers. A NOTIFY sent while it is down is lost,
 * so after every (re)connection the `connected` handlers run (the followers read what they may
 * have missed), and the followers poll besides.
 */
@Injectable()
export class LogListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = rootLogger().child({ context: 'log-listener' });
  private readonly handlers = new Map<string, NoticeHandler>();
  private readonly connectedHandlers: (() => void)[] = [];
  private client?: pg.Client;
  private attempt = 0;
  private retry?: NodeJS.Timeout;
  private stopped = true;
  private connectedAt: number | null = null;

  constructor(private readonly db: DataSource) {}

  /** Since when (ms) the listening connection has been up without a break; null while it is down. */
  get upSince(): number | null {
    return this.connectedAt;
  }

  on(channel: string, handler: NoticeHandler): void {
    this.handlers.set(channel, handler);
  }

  onConnected(handler: () => void): void {
    this.connectedHandlers.push(handler);
  }

  /** Starts once every follower has said which channels it wants (in their onModuleInit). */
  onApplicationBootstrap(): void {
    this.stopped = false;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: (this.db.options as { url: string }).url,
      application_name: LISTENER_NAME,
    });
    this.client = client;
    client.on('notification', (n) => this.handlers.get(n.channel)?.(n.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      return this.lost(client, err);
    }
    if (this.attempt > 0) this.log.info('listening to the event log again');
    this.attempt = 0;
    this.connectedAt = Date.now();
    this.connectedHandlers.forEach((h) => h());
  }

  private lost(client: pg.Client, err?: unknown): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.connectedAt = null;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.attempt === 0) this.log.warn({ err }, 'event log listener lost; polling until it is back');
    const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
    this.retry = setTimeout(() => void this.connect(), wait);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
