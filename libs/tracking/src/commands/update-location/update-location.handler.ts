import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, AppError } from '#core';
import { nextIntervalMs } from '../../domain/interval-hint.js';
import { remember, screenFix, type Fix } from '../../domain/location-filter.js';
import { LocationBatcher } from '../../batching/location-batcher.service.js';
import { GeofenceBreaches } from '../../geofence/geofence-breaches.service.js';
import { ActiveShiftCache } from '../../state/active-shift.cache.js';
import { GuardTrackStore, type UpdateLocationResult } from '../../state/guard-track.store.js';
import { UpdateLocationCommand } from './update-location.command.js';

/**
 * `update_location`, the hot path: no database access except the cached active shift. Screens the
 * fix, hands accepted ones to the batcher and watches the geofence; answers with the interval hint.
 */
@CommandHandler(UpdateLocationCommand)
export class UpdateLocationHandler implements ICommandHandler<UpdateLocationCommand> {
  constructor(
    private readonly shifts: ActiveShiftCache,
    private readonly tracks: GuardTrackStore,
    private readonly batcher: LocationBatcher,
    private readonly breaches: GeofenceBreaches,
    private readonly config: AppConfig,
  ) {}

  async execute({ principal: me, dto, receivedAt }: UpdateLocationCommand): Promise<UpdateLocationResult> {
    const shift = await this.shifts.get(me.userId);
    if (!shift) throw AppError.forbidden('Not on shift', { reason: 'NOT_ON_SHIFT' });
    const track = this.tracks.for(me.userId, shift.shiftId, shift.siteId);
    const earlier = dto.clientEventId ? track.answers.get(dto.clientEventId) : undefined;
    if (earlier) return earlier;
    const fix: Fix = {
      lat: dto.lat,
      lng: dto.lng,
      accuracy: dto.accuracy ?? null,
      heading: dto.heading ?? null,
      speed: dto.speed ?? null,
      batteryLevel: dto.batteryLevel ?? null,
      // A fix cannot have happened after it arrived: a phone clock running ahead (up to the 2 min
      // validation allows) would otherwise block every real fix until the clocks meet again.
      recordedAt: dto.recordedAt ? Math.min(Date.parse(dto.recordedAt), receivedAt) : receivedAt,
      receivedAt,
    };
    const rejection = screenFix(track.history, fix);
    track.history = remember(track.history, fix, rejection);
    const interval = nextIntervalMs(track.history.recent, this.config.GUARD_STALE_AFTER_S * 1000);
    const result: UpdateLocationResult = rejection
      ? { accepted: false, reason: rejection, nextIntervalMs: interval }
      : { accepted: true, nextIntervalMs: interval };
    if (!rejection) {
      // Spelled out rather than spread from `fix`: the spread was this handler's hottest line in
      // the 10,000-guard profile.
      this.batcher.add({
        lat: fix.lat,
        lng: fix.lng,
        accuracy: fix.accuracy,
        heading: fix.heading,
        speed: fix.speed,
        batteryLevel: fix.batteryLevel,
        recordedAt: fix.recordedAt,
        receivedAt: fix.receivedAt,
        guardId: me.userId,
        siteId: shift.siteId,
        shiftId: shift.shiftId,
        clientEventId: dto.clientEventId ?? null,
      });
      await this.breaches.check(me, track, fix);
    }
    this.tracks.remember(track, dto.clientEventId, result);
    return result;
  }
}
