import { Injectable } from '@nestjs/common';
import { AppConfig } from '#core';
import { RetentionPruner } from '#realtime';
import { LocationHistoryRepository } from './location-history.repository.js';

/** Prunes location history older than EVENT_RETENTION_DAYS (the same window as `sync`). */
@Injectable()
export class LocationRetention extends RetentionPruner {
  constructor(
    config: AppConfig,
    private readonly repo: LocationHistoryRepository,
  ) {
    super(config, 'location history');
  }

  protected pruneOlderThan(cutoff: Date): Promise<number> {
    return this.repo.pruneOlderThan(cutoff);
  }
}
