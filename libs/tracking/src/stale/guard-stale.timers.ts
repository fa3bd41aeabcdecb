import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ActiveShifts } from '#attendance';
import { AppConfig, rootLogger } from '#core';
import { Publisher, Rooms, TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { GuardStaleEvent } from '../events/guard-stale.event.js';
import { LocationHistoryRepository, type HistoryRow } from '../persistence/location-history.repository.js';
import { occupiedRooms } from '../state/cluster-rooms.js';
import { GuardTrackStore } from '../state/guard-track.store.js';

export const GUARD_STALE_TIMER = 'guard_stale';

/** The deadlines of a window's last fixes ($2, one JSON text), of guards still on shift. */
const TOUCH_SELECT = `SELECT $1, x.g, x.seen + $3 * interval '1 millisecond', jsonb_build_object('lastSeenAt', x.seen)
         FROM (SELECT "guardId" AS g, to_timestamp("receivedAt" / 1000.0) AS seen
                 FROM json_to_recordset($2::json) AS r("guardId" text, "receivedAt" float8)) x
         ${ActiveShifts.sql.joinOnShift('x.g::uuid')}`;

/**
 * Where a guard's deadline writes fall within the spread, in [-1, 1): read off its id (a UUID's
 * first 32 bits, random for v4), so one guard always gets the same and a fleet is spread evenly.
 */
export function spreadOf(guardId: string): number {
  const bits = Number.parseInt(guardId.slice(0, 8), 16);
  return Number.isFinite(bits) ? bits / 0x8000_0000 - 1 : 0;
}

/**
 * The fixes whose guard's stored deadline needs moving: none stored by this node yet, or the one
 * it stored is less than half the stale period away, give or take an eighth of the period per
 * guard (spreadOf). A guard sending every few seconds is then written about once per half period
 * instead of once per batch window (at 10,000 guards: 170 rows/s instead of 2,000), and its
 * deadline is always at least three eighths of a period ahead while it sends.
 *
 * Why the spread: guards clock in together (a shift change), so without it their deadlines came
 * due together and one window moved them all in one statement (10,000 rows, 100 to 220 ms of one
 * PostgreSQL process, once a minute). With it they spread over a quarter of the period, and since
 * each guard's interval differs, they drift further apart with every write.
 */
export function fixesToTouch<T extends { guardId: string }>(
  lastFixes: T[],
  storedDueMs: ReadonlyMap<string, number>,
  nowMs: number,
  afterMs: number,
): T[] {
  return lastFixes.filter((f) => {
    const due = storedDueMs.get(f.guardId);
    return due === undefined || nowMs >= due - afterMs / 2 - (spreadOf(f.guardId) * afterMs) / 8;
  });
}

/**
 * `guard_stale`: one timer row per guard on shift, due GUARD_STALE_AFTER_S after the guard was last
 * seen (clock-in, then flushed fixes: see fixesToTouch, never one write per update). The stored
 * deadline may lag the last fix by up to five eighths of the period, so a firing timer first
 * checks when the guard was really last seen (this node's memory, then the location history of
 * every node) and re-arms from there. Otherwise the guard is reported once, DISCONNECTED when no socket of the
 * guard is connected anywhere, else NO_LOCATION; the row is gone until the guard is seen again.
 */
@Injectable()
export class GuardStaleTimers implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = rootLogger().child({ context: 'guard-stale' });
  /** Deadline this node last stored per guard (ms): decides when a fix needs writing again. */
  private readonly storedDue = new Map<string, number>();
  private readonly touchDeadlines: ReturnType<TimerService['scheduleFromSelect']>;
  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly poller: TimerPoller,
    private readonly timers: TimerService,
    private readonly publisher: Publisher,
    private readonly tracks: GuardTrackStore,
  ) {
    this.touchDeadlines = timers.scheduleFromSelect(TOUCH_SELECT, 'move');
  }

  private get afterMs(): number {
    return this.config.GUARD_STALE_AFTER_S * 1000;
  }

  onModuleInit(): void {
    this.poller.register(GUARD_STALE_TIMER, (uow, timer) => this.fire(uow, timer));
  }

  /** Arms guards on shift that have no deadline (a crash between a clock-in and its arming). */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const due = new Date(Date.now() + this.afterMs);
      const open = await ActiveShifts.all(this.db);
      const timers = open.map((s) => ({
        ref: s.guardId,
        dueAt: due,
        payload: { lastSeenAt: s.startedReceivedAt.toISOString() },
      }));
      await this.timers.scheduleMany(this.db, GUARD_STALE_TIMER, timers, 'keep');
    } catch (e) {
      this.log.warn({ err: e }, 'could not arm stale timers at boot');
    }
  }

  /**
   * The deadline from a moment the guard was seen. Never earlier than the stored one: the clock-in's
   * arming runs after commit and may land after a flushed fix already moved the deadline past it.
   */
  async arm(tx: EntityManager, guardId: string, lastSeenAt: Date): Promise<void> {
    const dueAt = new Date(lastSeenAt.getTime() + this.afterMs);
    const payload = { lastSeenAt: lastSeenAt.toISOString() };
    await this.timers.schedule(tx, GUARD_STALE_TIMER, guardId, dueAt, payload, { onlyLater: true });
    // The stored one is at least this late: the guard's first fixes need not write (a clock-in of
    // the whole fleet would otherwise be moved again, all at once, in the next batch window).
    this.storedDue.set(guardId, Math.max(this.storedDue.get(guardId) ?? 0, dueAt.getTime()));
  }

  disarm(tx: EntityManager, guardId: string): Promise<void> {
    this.storedDue.delete(guardId);
    return this.timers.cancel(tx, GUARD_STALE_TIMER, guardId);
  }

  /** Pushes the deadlines of the guards seen in a window forward (those that need it), in one statement. */
  async touch(seen: HistoryRow[]): Promise<void> {
    const lastFixes = fixesToTouch(seen, this.storedDue, Date.now(), this.afterMs);
    if (!lastFixes.length) return;
    await this.touchDeadlines(this.db, [
      GUARD_STALE_TIMER,
      // One JSON text (native JSON.stringify) instead of two arrays escaped element by element.
      JSON.stringify(lastFixes, ['guardId', 'receivedAt']),
      this.afterMs,
    ]);
    for (const r of lastFixes) this.storedDue.set(r.guardId, r.receivedAt + this.afterMs);
  }

  async fire(uow: UnitOfWork, timer: DueTimer<{ lastSeenAt?: string }>): Promise<void> {
    const guardId = timer.ref;
    const shift = await ActiveShifts.ofGuard(uow.tx, guardId);
    if (!shift) return;
    const local = this.tracks.latest(guardId, shift.id)?.receivedAt;
    if (local !== undefined && Date.now() - local < this.afterMs)
      return this.arm(uow.tx, guardId, new Date(local)); // seen here, not flushed yet
    const seen = await LocationHistoryRepository.lastReceived(uow.tx, guardId, shift.id, this.afterMs);
    if (seen && Date.now() - seen.getTime() < this.afterMs) return this.arm(uow.tx, guardId, seen); // seen through another node
    const connected = (await occupiedRooms(this.publisher)).has(Rooms.user(guardId));
    const lastSeenAt = timer.payload.lastSeenAt ?? shift.startedReceivedAt.toISOString();
    const appended = uow.append({
      type: 'guard_stale',
      siteId: shift.siteId,
      streams: [Rooms.siteStaff(shift.siteId)],
      data: {
        userId: guardId,
        lastSeenAt: new Date(lastSeenAt).toISOString(),
        reason: connected ? 'NO_LOCATION' : 'DISCONNECTED',
      },
    });
    uow.raise(new GuardStaleEvent(guardId, shift.siteId), appended);
  }
}
