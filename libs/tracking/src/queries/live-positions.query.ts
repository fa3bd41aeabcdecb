import { Injectable } from '@nestjs/common';
import { ActiveShifts } from '#attendance';
import { DataSource } from 'typeorm';
import { LocationHistoryRepository } from '../persistence/location-history.repository.js';
import { GuardTrackStore } from '../state/guard-track.store.js';

export interface LivePosition {
  lat: number;
  lng: number;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  batteryLevel: number | null;
  recordedAt: string;
}
export interface GuardOnShift {
  userId: string;
  name: string;
  shiftId: string;
  startedAt: string;
  location: LivePosition | null;
}

/**
 * Every guard on shift at a site with their latest position: the newest of the written history
 * and this node's in-memory fix not flushed yet. Used by GET /sites/:id/live and join_site.
 */
@Injectable()
export class LivePositionsQuery {
  constructor(
    private readonly db: DataSource,
    private readonly history: LocationHistoryRepository,
    private readonly tracks: GuardTrackStore,
  ) {}

  async guardsOnShift(siteId: string): Promise<GuardOnShift[]> {
    const onShift = await ActiveShifts.guardsAt(this.db, siteId);
    const latest = await this.history.latestOfShifts(onShift);
    return onShift.map((r) => {
      const stored = latest.get(r.shiftId) ?? null;
      const mem = this.tracks.latest(r.guardId, r.shiftId);
      const location =
        mem && (!stored || mem.recordedAt >= Date.parse(stored.recordedAt))
          ? {
              lat: mem.lat,
              lng: mem.lng,
              accuracy: mem.accuracy,
              heading: mem.heading,
              speed: mem.speed,
              batteryLevel: mem.batteryLevel,
              recordedAt: new Date(mem.recordedAt).toISOString(),
            }
          : stored;
      return {
        userId: r.guardId,
        name: r.name,
        shiftId: r.shiftId,
        startedAt: r.startedAt.toISOString(),
        location,
      };
    });
  }
}
