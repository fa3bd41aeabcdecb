import type { HistoryRow } from '../persistence/location-history.repository.js';

/**
 * One batch window of one site closed: the latest accepted fix of each guard seen in it, which its
 * handler sends to the site staff as `location_batch` (ephemeral). One event per site and window,
 * never per fix: the fixes are the batcher's own rows, handed over without copying.
 */
export class LocationsBatchedEvent {
  constructor(
    readonly siteId: string,
    readonly windowStart: Date,
    readonly windowEnd: Date,
    readonly latest: ReadonlyMap<string, HistoryRow>,
  ) {}
}
