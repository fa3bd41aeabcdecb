import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ShiftEndedEvent } from '#attendance';
import { rootLogger } from '#core';
import { DataSource } from 'typeorm';
import { GuardStaleTimers } from '../stale/guard-stale.timers.js';
import { ActiveShiftCache } from '../state/active-shift.cache.js';
import { GuardTrackStore } from '../state/guard-track.store.js';

/** A clock-out: further locations are refused (NOT_ON_SHIFT) and the stale deadline goes away. */
@EventsHandler(ShiftEndedEvent)
export class UntrackWhenShiftEnded implements IEventHandler<ShiftEndedEvent> {
  private readonly log = rootLogger().child({ context: 'tracking' });
  constructor(
    private readonly db: DataSource,
    private readonly shifts: ActiveShiftCache,
    private readonly tracks: GuardTrackStore,
    private readonly stale: GuardStaleTimers,
  ) {}

  async handle({ shift }: ShiftEndedEvent): Promise<void> {
    this.shifts.changed(shift.guardId, null);
    this.tracks.drop(shift.guardId);
    await this.stale
      .disarm(this.db.manager, shift.guardId)
      .catch((e: unknown) => this.log.warn({ err: e }, 'stale timer not cancelled'));
  }
}
