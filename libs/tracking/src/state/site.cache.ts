import { Injectable } from '@nestjs/common';
import { SiteEntity, type Geofence } from '#core';
import { DataSource } from 'typeorm';

export interface SiteInfo {
  id: string;
  name: string;
  geofence: Geofence | null;
}

const TTL_MS = 30_000;

/** Site names and geofences for the hot path; an admin's geofence edit is seen within 30 s. */
@Injectable()
export class SiteCache {
  private readonly entries = new Map<string, { site: SiteInfo | null; until: number }>();

  constructor(private readonly db: DataSource) {}

  async get(siteId: string, now = Date.now()): Promise<SiteInfo | null> {
    const hit = this.entries.get(siteId);
    if (hit && hit.until > now) return hit.site;
    const row = await this.db.getRepository(SiteEntity).findOneBy({ id: siteId });
    const site = row ? { id: row.id, name: row.name, geofence: row.geofence } : null;
    this.entries.set(siteId, { site, until: now + TTL_MS });
    return site;
  }
}
