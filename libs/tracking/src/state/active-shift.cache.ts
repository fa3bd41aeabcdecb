import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ActiveShifts, type OpenShift } from '#attendance';
import { isDependencyDown, rootLogger } from '#core';
import { Publisher } from '#realtime';
import { DataSource } from 'typeorm';
import { InFlight } from './in-flight.js';

const SHIFT_CHANGED = 'ps:shift-changed';

export interface ActiveShift {
  shiftId: string;
  siteId: string;
  startedReceivedAt: number;
}

interface Entry {
  shift: ActiveShift | null;
  /** When the database last confirmed this answer. */
  checkedAt: number;
  /** When a fix last asked for it: guards gone quiet are dropped. */
  usedAt: number;
}

/**
 * The safety net should a node miss a shift-changed message: every cached on-shift answer is
 * re-read at this period, all of them in one query per chunk, instead of each expiring on its own
 * (at 10,000 guards that was 330 single-row queries a second, most of the fleet's database
 * traffic).
 */
export const REVALIDATE_EVERY_MS = 30_000;
/** If revalidation stops (database down), an on-shift answer is re-read on its own after this. */
const ON_SHIFT_TRUSTED_MS = 2 * REVALIDATE_EVERY_MS;
const OFF_SHIFT_TTL_MS = 3_000;
const DROP_UNUSED_AFTER_MS = 2 * REVALIDATE_EVERY_MS;
const CHUNK = 5_000;

const toShift = (open: OpenShift): ActiveShift => ({
  shiftId: open.id,
  siteId: open.siteId,
  startedReceivedAt: open.startedReceivedAt.getTime(),
});

/**
 * Who is on shift, per guard, in memory: the only thing the location hot path would otherwise read
 * from the database. Refreshed by shift_started / shift_ended, on a miss (concurrent misses of one
 * guard share one query) and by a periodic revalidation of all entries. A shift change on one
 * node makes every other node forget its entry at once, so a guard's fixes never go to a site it
 * has left.
 */
@Injectable()
export class ActiveShiftCache implements OnModuleInit, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new InFlight<string, ActiveShift | null>();
  /** Bumped by every set(): a read that started before a shift event must not overwrite it. */
  private readonly generation = new Map<string, number>();
  private interval?: NodeJS.Timeout;
  private revalidating = false;
  private readonly log = rootLogger().child({ context: 'active-shift-cache' });

  constructor(
    private readonly db: DataSource,
    private readonly publisher: Publisher,
  ) {}

  onModuleInit(): void {
    this.publisher.onControl(SHIFT_CHANGED, (guardId) => this.forget(String(guardId)));
    this.interval = setInterval(() => void this.revalidate(), REVALIDATE_EVERY_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  /** A shift of the guard started or ended here: set it locally and tell the other nodes. */
  changed(guardId: string, shift: ActiveShift | null): void {
    this.set(guardId, shift);
    this.publisher.toOtherNodes(SHIFT_CHANGED, guardId);
  }

  /** Drops the cached answer; the next fix reads the database again. */
  forget(guardId: string): void {
    this.bump(guardId);
    this.entries.delete(guardId);
  }

  async get(guardId: string, now = Date.now()): Promise<ActiveShift | null> {
    const hit = this.entries.get(guardId);
    if (hit && now - hit.checkedAt < (hit.shift ? ON_SHIFT_TRUSTED_MS : OFF_SHIFT_TTL_MS)) {
      hit.usedAt = now;
      return hit.shift;
    }
    return this.loading.run(guardId, () => this.load(guardId));
  }

  set(guardId: string, shift: ActiveShift | null, now = Date.now()): void {
    this.bump(guardId);
    this.entries.set(guardId, { shift, checkedAt: now, usedAt: now });
  }

  /**
   * Re-reads every cached on-shift answer (answers changed by an event meanwhile are kept) and
   * drops entries no fix asked for lately. A failure leaves the entries to expire on their own.
   */
  async revalidate(now = Date.now()): Promise<void> {
    if (this.revalidating) return;
    this.revalidating = true;
    try {
      const onShift: string[] = [];
      for (const [guardId, entry] of this.entries) {
        if (now - entry.usedAt > DROP_UNUSED_AFTER_MS) this.drop(guardId);
        else if (entry.shift) onShift.push(guardId);
      }
      for (let i = 0; i < onShift.length; i += CHUNK) await this.recheck(onShift.slice(i, i + CHUNK), now);
    } catch (e) {
      if (!isDependencyDown(e)) this.log.warn({ err: e }, 'active shift revalidation failed');
    } finally {
      this.revalidating = false;
    }
  }

  private async recheck(guardIds: string[], now: number): Promise<void> {
    const before = guardIds.map((id) => this.generation.get(id));
    const found = await ActiveShifts.ofGuards(this.db, guardIds);
    guardIds.forEach((guardId, i) => {
      const entry = this.entries.get(guardId);
      if (!entry || this.generation.get(guardId) !== before[i]) return;
      const open = found.get(guardId);
      entry.shift = open ? toShift(open) : null;
      entry.checkedAt = now;
    });
  }

  private async load(guardId: string): Promise<ActiveShift | null> {
    const before = this.generation.get(guardId);
    const open = await ActiveShifts.ofGuard(this.db, guardId);
    const shift = open ? toShift(open) : null;
    if (this.generation.get(guardId) !== before) return this.entries.get(guardId)?.shift ?? shift;
    this.set(guardId, shift);
    return shift;
  }

  /** Forgets a quiet guard entirely; its generation is kept while a read of it is in flight. */
  private drop(guardId: string): void {
    this.entries.delete(guardId);
    if (!this.loading.has(guardId)) this.generation.delete(guardId);
  }

  private bump(guardId: string): void {
    this.generation.set(guardId, (this.generation.get(guardId) ?? 0) + 1);
  }
}
