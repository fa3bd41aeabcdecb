import { Injectable } from '@nestjs/common';
import { AppConfig } from '#core';
import { RetentionPruner } from '#realtime';
import { DeliveryRepository } from './delivery.repository.js';

/**
 * Prunes finished deliveries (and their attempt log) older than EVENT_RETENTION_DAYS, the window
 * of the events they carried; pending ones stay until they are delivered or given up.
 */
@Injectable()
export class DeliveryRetention extends RetentionPruner {
  constructor(
    config: AppConfig,
    private readonly deliveries: DeliveryRepository,
  ) {
    super(config, 'notification deliveries');
  }

  protected pruneOlderThan(cutoff: Date): Promise<number> {
    return this.deliveries.pruneFinishedBefore(cutoff);
  }
}
