import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { rootLogger } from '#core';
import { Publisher } from '../publisher/publisher.service.js';

/**
 * On SIGTERM (app.close), before providers flush and connections close: tell every socket of this
 * node to reconnect elsewhere. Audit rows and location batches are flushed by their own
 * onApplicationShutdown hooks afterwards, while the database is still reachable.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly log = rootLogger().child({ context: 'shutdown' });
  constructor(private readonly publisher: Publisher) {}

  beforeApplicationShutdown(signal?: string): void {
    this.log.info({ signal }, 'releasing sockets before shutdown');
    this.publisher.releaseLocalSockets();
  }
}
