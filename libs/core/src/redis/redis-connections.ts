import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { rootLogger } from '../logging/logger.js';

/**
 * The Redis connections of a node, when REDIS_URL is set: `commands` for counters and checks
 * (no offline queue, so calls fail fast during an outage, and COMMAND_TIMEOUT_MS on each call, so
 * they fail in time when Redis hangs instead of holding the request), and a pub/sub pair
 * for the Socket.IO adapter. Outages are logged once, recoveries once.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  readonly enabled: boolean;
  readonly prefix: string;
  private clients: Redis[] = [];
  private cmd?: Redis;
  private down = false;
  private closing = false;
  private readonly recoveredListeners: (() => void)[] = [];
  private readonly log = rootLogger().child({ context: 'redis' });

  constructor(private readonly config: AppConfig) {
    this.enabled = !!config.REDIS_URL;
    this.prefix = config.REDIS_PREFIX;
  }

  /** The shared command client (created on first use). */
  get commands(): Redis {
    // commandTimeout: a Redis that hangs (stopped, overloaded) fails the call instead of holding it.
    this.cmd ??= this.create('commands', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: this.config.COMMAND_TIMEOUT_MS,
    });
    return this.cmd;
  }

  /** A new connection pair for publishing and subscribing (the adapter owns them). */
  pubSubPair(): { pub: Redis; sub: Redis } {
    // No commandTimeout here: nothing a client waits for awaits these (the adapter publishes without
    // waiting), and the adapter does not handle a rejected publish: a timed-out one would be an
    // unhandled rejection, which ends the process.
    return { pub: this.create('pub', {}), sub: this.create('sub', {}) };
  }

  private create(name: string, extra: RedisOptions): Redis {
    if (!this.config.REDIS_URL) throw new Error('REDIS_URL is not set');
    const client = new Redis(this.config.REDIS_URL, {
      lazyConnect: false,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      ...extra,
    });
    const lost = (err?: unknown) => {
      if (!this.down)
        this.log.error({ err, client: name }, 'Redis unreachable; serving local sockets until it is back');
      this.down = true;
    };
    client.on('error', lost);
    // A connection that closes is an outage even when Redis is back before the first reconnect
    // attempt fails: what it carried meanwhile was lost, and recovery must be noticed.
    client.on('close', () => {
      if (!this.closing) lost();
    });
    client.on('ready', () => {
      if (!this.down) return;
      this.log.info({ client: name }, 'Redis reachable again');
      this.down = false;
      this.recoveredListeners.forEach((listener) => listener());
    });
    this.clients.push(client);
    return client;
  }

  /** False from a connection error until Redis answers again. */
  get reachable(): boolean {
    return !this.down;
  }

  /** Runs `listener` each time Redis answers again after an outage (what was missed meanwhile). */
  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    if (!this.enabled) return true;
    try {
      const pong = await Promise.race([
        this.commands.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return pong === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
