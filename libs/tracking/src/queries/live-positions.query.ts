import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
type Row = Record<string, any>;

/**
 * Every guard on shift at a site with their latest position: the newest of the written history
 * and this node's in-memory fix not flushed yet. Used by GET /sites/:id/live and join_site.
 */
@Injectable()
export class LivePositionsQuery {
  constructor(
    private readonly db: DataSource,
    private readonly tracks: GuardTrackStore,
  ) {}

  async guardsOnShift(siteId: string): Promise<GuardOnShift[]> {
    const rows = (await this.db.query(
      `SELECT s.id AS shift_id, s.guard_id, u.name, s.started_at, l.* FROM shifts s
         JOIN users u ON u.id = s.guard_id
         LEFT JOIN LATERAL (SELECT lat, lng, accuracy, heading, speed, battery_level, recorded_at
             FROM location_history h WHERE h.guard_id = s.guard_id AND h.recorded_at >= s.started_at - interval '1 day'
               AND h.shift_id = s.id ORDER BY h.recorded_at DESC, h.id DESC LIMIT 1) l ON true
        WHERE s.site_id = $1 AND s.ended_at IS NULL ORDER BY u.name, s.guard_id`,
      [siteId],
    )) as Row[];
    return rows.map((r) => {
      const stored: LivePosition | null = r.recorded_at
        ? {
            lat: r.lat,
            lng: r.lng,
            accuracy: r.accuracy,
            heading: r.heading,
            speed: r.speed,
            batteryLevel: r.battery_level,
            recordedAt: new Date(r.recorded_at).toISOString(),
          }
        : null;
      const mem = this.tracks.latest(r.guard_id, r.shift_id);
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
        userId: r.guard_id,
        name: r.name,
        shiftId: r.shift_id,
        startedAt: new Date(r.started_at).toISOString(),
        location,
      };
    });
  }
}
