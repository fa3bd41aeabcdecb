import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ShiftStartedEvent } from '#attendance';
import { rootLogger } from '#core';
import { DataSource } from 'typeorm';
import { GuardStaleTimers } from '../stale/guard-stale.timers.js';
import { ActiveShiftCache } from '../state/active-shift.cache.js';
import { GuardTrackStore } from '../state/guard-track.store.js';

/** A clock-in: the guard may send locations now, and is expected to within the stale period. */
@EventsHandler(ShiftStartedEvent)
export class TrackWhenShiftStarted implements IEventHandler<ShiftStartedEvent> {
  private readonly log = rootLogger().child({ context: 'tracking' });
  constructor(
    private readonly db: DataSource,
    private readonly shifts: ActiveShiftCache,
    private readonly tracks: GuardTrackStore,
    private readonly stale: GuardStaleTimers,
  ) {}

  async handle({ shift }: ShiftStartedEvent): Promise<void> {
    const startedReceivedAt = new Date(shift.startedReceivedAt);
    this.shifts.changed(shift.guardId, {
      shiftId: shift.id,
      siteId: shift.siteId,
      startedReceivedAt: startedReceivedAt.getTime(),
    });
    this.tracks.for(shift.guardId, shift.id, shift.siteId);
    await this.stale
      .arm(this.db.manager, shift.guardId, startedReceivedAt)
      .catch((e: unknown) => this.log.warn({ err: e }, 'stale timer not armed'));
  }
}
