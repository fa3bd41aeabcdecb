import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Publisher } from '#realtime';
import { DataSource } from 'typeorm';

const SHIFT_CHANGED = 'ps:shift-changed';

export interface ActiveShift {
  shiftId: string;
  siteId: string;
  startedReceivedAt: number;
}

/** Cached answers also expire, as a safety net should a node miss a shift-changed message. */
const ON_SHIFT_TTL_MS = 30_000;
const OFF_SHIFT_TTL_MS = 3_000;

/**
 * Who is on shift, per guard, in memory: the only thing the location hot path would otherwise read
 * from the database. Refreshed by shift_started / shift_ended and on a miss (concurrent misses of
 * one guard share one query). A shift change on one node makes every other node forget its
 * entry at once, so a guard's fixes never go to a site it has left.
 */
@Injectable()
export class ActiveShiftCache implements OnModuleInit {
  private readonly entries = new Map<string, { shift: ActiveShift | null; until: number }>();
  private readonly loading = new Map<string, Promise<ActiveShift | null>>();
  /** Bumped by every set(): a load that started before a shift event must not overwrite it. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly db: DataSource,
    private readonly publisher: Publisher,
  ) {}

  onModuleInit(): void {
    this.publisher.onControl(SHIFT_CHANGED, (guardId) => this.forget(String(guardId)));
  }

  /** A shift of the guard started or ended here: set it locally and tell the other nodes. */
  changed(guardId: string, shift: ActiveShift | null): void {
    this.set(guardId, shift);
    this.publisher.toOtherNodes(SHIFT_CHANGED, guardId);
  }

  /** Drops the cached answer; the next fix reads the database again. */
  forget(guardId: string): void {
    this.generation.set(guardId, (this.generation.get(guardId) ?? 0) + 1);
    this.entries.delete(guardId);
  }

  async get(guardId: string, now = Date.now()): Promise<ActiveShift | null> {
    const hit = this.entries.get(guardId);
    if (hit && hit.until > now) return hit.shift;
    let pending = this.loading.get(guardId);
    if (!pending) {
      pending = this.load(guardId).finally(() => this.loading.delete(guardId));
      this.loading.set(guardId, pending);
    }
    return pending;
  }

  set(guardId: string, shift: ActiveShift | null, now = Date.now()): void {
    this.generation.set(guardId, (this.generation.get(guardId) ?? 0) + 1);
    this.entries.set(guardId, { shift, until: now + (shift ? ON_SHIFT_TTL_MS : OFF_SHIFT_TTL_MS) });
  }

  private async load(guardId: string): Promise<ActiveShift | null> {
    const before = this.generation.get(guardId);
    const [row] = (await this.db.query(
      'SELECT id, site_id, started_received_at FROM shifts WHERE guard_id = $1 AND ended_at IS NULL',
      [guardId],
    )) as { id: string; site_id: string; started_received_at: Date }[];
    const shift = row
      ? {
          shiftId: row.id,
          siteId: row.site_id,
          startedReceivedAt: new Date(row.started_received_at).getTime(),
        }
      : null;
    if (this.generation.get(guardId) !== before) return this.entries.get(guardId)?.shift ?? shift;
    this.set(guardId, shift);
    return shift;
  }
}
