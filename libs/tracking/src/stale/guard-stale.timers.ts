import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { Publisher, Rooms, TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { GuardStaleEvent } from '../events/guard-stale.event.js';
import type { HistoryRow } from '../persistence/location-history.repository.js';
import { occupiedRooms } from '../state/cluster-rooms.js';
import { GuardTrackStore } from '../state/guard-track.store.js';

export const GUARD_STALE_TIMER = 'guard_stale';

/**
 * The fixes whose guard's stored deadline needs moving: none stored by this node yet, or the one
 * it stored is less than half the stale period away. A guard sending every few seconds is then
 * written once per half period instead of once per batch window (at 10,000 guards: 170 rows/s
 * instead of 2,000), and its deadline is always at least half a period ahead while it sends.
 */
export function fixesToTouch<T extends { guardId: string }>(
  lastFixes: T[],
  storedDueMs: ReadonlyMap<string, number>,
  nowMs: number,
  afterMs: number,
): T[] {
  return lastFixes.filter((f) => {
    const due = storedDueMs.get(f.guardId);
    return due === undefined || nowMs >= due - afterMs / 2;
  });
}

/**
 * `guard_stale`: one timer row per guard on shift, due GUARD_STALE_AFTER_S after the guard was last
 * seen (clock-in, then flushed fixes: see fixesToTouch, never one write per update). The stored
 * deadline may lag the last fix by up to half the period, so a firing timer first checks when the
 * guard was really last seen (this node's memory, then the location history of every node) and
 * re-arms from there. Otherwise the guard is reported once, DISCONNECTED when no socket of the
 * guard is connected anywhere, else NO_LOCATION; the row is gone until the guard is seen again.
 */
@Injectable()
export class GuardStaleTimers implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = rootLogger().child({ context: 'guard-stale' });
  /** Deadline this node last stored per guard (ms): decides when a fix needs writing again. */
  private readonly storedDue = new Map<string, number>();
  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly poller: TimerPoller,
    private readonly timers: TimerService,
    private readonly publisher: Publisher,
    private readonly tracks: GuardTrackStore,
  ) {}

  private get afterMs(): number {
    return this.config.GUARD_STALE_AFTER_S * 1000;
  }

  onModuleInit(): void {
    this.poller.register(GUARD_STALE_TIMER, (uow, timer) => this.fire(uow, timer));
  }

  /** Arms guards on shift that have no deadline (a crash between a clock-in and its arming). */
  async onApplicationBootstrap(): Promise<void> {
    await this.db
      .query(
        `INSERT INTO timers (kind, ref, due_at, payload)
         SELECT $1, guard_id::text, now() + $2 * interval '1 millisecond', jsonb_build_object('lastSeenAt', started_received_at)
           FROM shifts WHERE ended_at IS NULL ON CONFLICT (kind, ref) DO NOTHING`,
        [GUARD_STALE_TIMER, this.afterMs],
      )
      .catch((e: unknown) => this.log.warn({ err: e }, 'could not arm stale timers at boot'));
  }

  arm(tx: EntityManager, guardId: string, lastSeenAt: Date): Promise<void> {
    return this.timers.schedule(
      tx,
      GUARD_STALE_TIMER,
      guardId,
      new Date(lastSeenAt.getTime() + this.afterMs),
      {
        lastSeenAt: lastSeenAt.toISOString(),
      },
    );
  }

  disarm(tx: EntityManager, guardId: string): Promise<void> {
    this.storedDue.delete(guardId);
    return this.timers.cancel(tx, GUARD_STALE_TIMER, guardId);
  }

  /** Pushes the deadlines of the guards seen in a window forward (those that need it), in one statement. */
  async touch(seen: HistoryRow[]): Promise<void> {
    const lastFixes = fixesToTouch(seen, this.storedDue, Date.now(), this.afterMs);
    if (!lastFixes.length) return;
    await this.db.query(
      `INSERT INTO timers (kind, ref, due_at, payload)
       SELECT $1, x.g, x.seen + $3 * interval '1 millisecond', jsonb_build_object('lastSeenAt', x.seen)
         FROM (SELECT "guardId" AS g, to_timestamp("receivedAt" / 1000.0) AS seen
                 FROM json_to_recordset($2::json) AS r("guardId" text, "receivedAt" float8)) x
         JOIN shifts s ON s.guard_id = x.g::uuid AND s.ended_at IS NULL
       ON CONFLICT (kind, ref) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload`,
      // One JSON text (native JSON.stringify) instead of two arrays escaped element by element.
      [GUARD_STALE_TIMER, JSON.stringify(lastFixes, ['guardId', 'receivedAt']), this.afterMs],
    );
    for (const r of lastFixes) this.storedDue.set(r.guardId, r.receivedAt + this.afterMs);
  }

  async fire(uow: UnitOfWork, timer: DueTimer<{ lastSeenAt?: string }>): Promise<void> {
    const guardId = timer.ref;
    const [shift] = (await uow.tx.query(
      'SELECT id, site_id, started_received_at FROM shifts WHERE guard_id = $1 AND ended_at IS NULL',
      [guardId],
    )) as { id: string; site_id: string; started_received_at: Date }[];
    if (!shift) return;
    const local = this.tracks.latest(guardId, shift.id)?.receivedAt;
    if (local !== undefined && Date.now() - local < this.afterMs)
      return this.arm(uow.tx, guardId, new Date(local)); // seen here, not flushed yet
    const [history] = (await uow.tx.query(
      `SELECT max(received_at) AS seen FROM location_history
        WHERE guard_id = $1 AND shift_id = $2 AND recorded_at > now() - $3 * interval '1 millisecond'`,
      // bounded by device time to keep the index range short; fixes recorded long before they
      // arrived (an offline queue) do not count as being seen
      [guardId, shift.id, this.afterMs + 120_000],
    )) as { seen: Date | null }[];
    if (history?.seen && Date.now() - history.seen.getTime() < this.afterMs)
      return this.arm(uow.tx, guardId, history.seen); // seen through another node
    const connected = (await occupiedRooms(this.publisher)).has(Rooms.user(guardId));
    const lastSeenAt = timer.payload.lastSeenAt ?? new Date(shift.started_received_at).toISOString();
    const appended = uow.append({
      type: 'guard_stale',
      siteId: shift.site_id,
      streams: [Rooms.siteStaff(shift.site_id)],
      data: {
        userId: guardId,
        lastSeenAt: new Date(lastSeenAt).toISOString(),
        reason: connected ? 'NO_LOCATION' : 'DISCONNECTED',
      },
    });
    uow.raise(new GuardStaleEvent(guardId, shift.site_id), appended);
  }
}
