import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, AppError } from '#core';
import { nextIntervalMs, PANIC_INTERVAL_MS } from '../../domain/interval-hint.js';
import { remember, screenFix, type Rejection } from '../../domain/location-filter.js';
import { LocationBatcher } from '../../batching/location-batcher.service.js';
import { PanicGuardMovedEvent } from '../../events/panic-guard-moved.event.js';
import type { HistoryRow } from '../../persistence/location-history.repository.js';
import { GeofenceBreaches } from '../../geofence/geofence-breaches.service.js';
import { ActivePanics } from '../../panic-tracking/active-panics.service.js';
import { ActiveShiftCache } from '../../state/active-shift.cache.js';
import { GuardTrackStore, type UpdateLocationResult } from '../../state/guard-track.store.js';
import { UpdateLocationCommand } from './update-location.command.js';

/**
 * The answers are shared frozen objects, one per (verdict, hint): a handful in all. Each guard keeps
 * its last 20 answers for retries, and one object per fix was held that long.
 */
const ANSWERS = new Map<Rejection | 'ACCEPTED', Map<number, UpdateLocationResult>>();
function answerFor(rejection: Rejection | null, hintMs: number): UpdateLocationResult {
  const verdict = rejection ?? 'ACCEPTED';
  let byHint = ANSWERS.get(verdict);
  if (!byHint) ANSWERS.set(verdict, (byHint = new Map()));
  let answer = byHint.get(hintMs);
  if (!answer) {
    answer = Object.freeze(
      rejection
        ? { accepted: false, reason: rejection, nextIntervalMs: hintMs }
        : { accepted: true, nextIntervalMs: hintMs },
    );
    byHint.set(hintMs, answer);
  }
  return answer;
}

/**
 * `update_location`, the hot path: no database access except the cached active shift. Screens the
 * fix, hands accepted ones to the batcher (which raises one LocationsBatchedEvent per site and
 * window, never one per fix) and watches the geofence; answers with the interval hint.
 */
@CommandHandler(UpdateLocationCommand)
export class UpdateLocationHandler implements ICommandHandler<UpdateLocationCommand> {
  constructor(
    private readonly shifts: ActiveShiftCache,
    private readonly tracks: GuardTrackStore,
    private readonly batcher: LocationBatcher,
    private readonly breaches: GeofenceBreaches,
    private readonly config: AppConfig,
    private readonly panics: ActivePanics,
    private readonly events: EventBus,
  ) {}

  async execute({ principal: me, dto, receivedAt }: UpdateLocationCommand): Promise<UpdateLocationResult> {
    const shift = await this.shifts.get(me.userId);
    if (!shift) throw AppError.forbidden('Not on shift', { reason: 'NOT_ON_SHIFT' });
    const track = this.tracks.for(me.userId, shift.shiftId, shift.siteId);
    const earlier = dto.clientEventId ? track.answers.get(dto.clientEventId) : undefined;
    if (earlier) return earlier;
    // One object is the fix the filter remembers and the row the batcher writes: a second object
    // per fix outlived the command like the first, and what outlives a command the GC promotes.
    const fix: HistoryRow = {
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
      guardId: me.userId,
      siteId: shift.siteId,
      shiftId: shift.shiftId,
      clientEventId: dto.clientEventId ?? null,
    };
    const rejection = screenFix(track.history, fix);
    track.history = remember(track.history, fix, rejection);
    const panicId = this.panics.of(me.userId); // a Map lookup: no query on the hot path
    const result = answerFor(
      rejection,
      panicId
        ? PANIC_INTERVAL_MS
        : nextIntervalMs(track.history.recent, this.config.GUARD_STALE_AFTER_S * 1000),
    );
    if (!rejection) {
      this.batcher.add(fix);
      // A guard in a panic: each fix goes to the site staff at once, not in the next batch.
      if (panicId) this.events.publish(new PanicGuardMovedEvent(panicId, fix));
      const recording = this.breaches.check(me, track, fix);
      if (recording) await recording;
    }
    this.tracks.remember(track, dto.clientEventId, result);
    return result;
  }
}
