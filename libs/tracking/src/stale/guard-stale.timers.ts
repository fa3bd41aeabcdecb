import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import { Publisher, Rooms, TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { HistoryRow } from '../persistence/location-history.repository.js';
import { occupiedRooms } from '../state/cluster-rooms.js';
import { GuardTrackStore } from '../state/guard-track.store.js';

export const GUARD_STALE_TIMER = 'guard_stale';

/**
 * `guard_stale`: one timer row per guard on shift, due GUARD_STALE_AFTER_S after the guard was last
 * seen (clock-in, then each flushed fix: one upsert per flush, never one write per update). When it
 * fires the guard is reported once, DISCONNECTED when no socket of the guard is connected anywhere,
 * else NO_LOCATION; the row is gone until the guard is seen again.
 */
@Injectable()
export class GuardStaleTimers implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = rootLogger().child({ context: 'guard-stale' });
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
    return this.timers.cancel(tx, GUARD_STALE_TIMER, guardId);
  }

  /** Pushes the deadlines of the guards seen in a window forward, in one statement. */
  async touch(lastFixes: HistoryRow[]): Promise<void> {
    if (!lastFixes.length) return;
    await this.db.query(
      `INSERT INTO timers (kind, ref, due_at, payload)
       SELECT $1, x.g, x.seen + $4 * interval '1 millisecond', jsonb_build_object('lastSeenAt', x.seen)
         FROM unnest($2::text[], $3::timestamptz[]) AS x(g, seen)
         JOIN shifts s ON s.guard_id = x.g::uuid AND s.ended_at IS NULL
       ON CONFLICT (kind, ref) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload`,
      [
        GUARD_STALE_TIMER,
        lastFixes.map((r) => r.guardId),
        lastFixes.map((r) => new Date(r.receivedAt).toISOString()),
        this.afterMs,
      ],
    );
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
    const connected = (await occupiedRooms(this.publisher)).has(Rooms.user(guardId));
    const lastSeenAt = timer.payload.lastSeenAt ?? new Date(shift.started_received_at).toISOString();
    uow.append({
      type: 'guard_stale',
      siteId: shift.site_id,
      streams: [Rooms.siteStaff(shift.site_id)],
      data: {
        userId: guardId,
        lastSeenAt: new Date(lastSeenAt).toISOString(),
        reason: connected ? 'NO_LOCATION' : 'DISCONNECTED',
      },
    });
  }
}
