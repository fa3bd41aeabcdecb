import { Injectable } from '@nestjs/common';
import { emptyHistory, type Fix, type TrackHistory } from '../domain/location-filter.js';
import { RecentAnswers } from '../domain/recent-answers.js';

/** Shared and frozen (see answerFor in the handler): never written to. */
export type UpdateLocationResult = Readonly<{
  accepted: boolean;
  nextIntervalMs: number;
  reason?: string;
}>;

/** Everything the hot path knows about one guard on one shift, in memory on the guard's node. */
export interface GuardTrack {
  shiftId: string;
  siteId: string;
  history: TrackHistory;
  /** Inside the site's geofence at the last accepted fix (undefined: not known yet, armed). */
  inside?: boolean;
  /** Answers to recent clientEventIds: a retried update gets the first answer again. */
  answers: RecentAnswers<UpdateLocationResult>;
}

const ANSWERS_KEPT = 20;

@Injectable()
export class GuardTrackStore {
  private readonly tracks = new Map<string, GuardTrack>();

  /** The guard's track for this shift (a new shift starts a fresh one). */
  for(guardId: string, shiftId: string, siteId: string): GuardTrack {
    const t = this.tracks.get(guardId);
    if (t && t.shiftId === shiftId) return t;
    const fresh: GuardTrack = {
      shiftId,
      siteId,
      history: emptyHistory(),
      answers: new RecentAnswers(ANSWERS_KEPT),
    };
    this.tracks.set(guardId, fresh);
    return fresh;
  }

  remember(track: GuardTrack, clientEventId: string | undefined, result: UpdateLocationResult): void {
    if (!clientEventId) return;
    track.answers.remember(clientEventId, result);
  }

  latest(guardId: string, shiftId?: string): Fix | undefined {
    const t = this.tracks.get(guardId);
    return t && (!shiftId || t.shiftId === shiftId) ? t.history.last : undefined;
  }

  drop(guardId: string): void {
    this.tracks.delete(guardId);
  }
}
