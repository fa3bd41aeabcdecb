import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '#core';
import { PanicReach } from '#tracking';
import { sitesWithoutPanicReach } from './panic-reach.js';

/** Tracking's PanicReach port, answered from the channels and devices this library owns. */
@Injectable()
export class PanicReachOfChannels extends PanicReach {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {
    super();
  }

  sitesWithout(siteIds: string[]): Promise<Set<string>> {
    return sitesWithoutPanicReach(this.db, this.config, siteIds);
  }
}
