import type { HistoryRow } from '../persistence/location-history.repository.js';

/**
 * A guard with an active panic sent an accepted fix: it goes to the site staff at once as
 * `location_update` (ephemeral), not in the next batch. Only guards in a panic raise it.
 */
export class PanicGuardMovedEvent {
  constructor(
    readonly panicId: string,
    readonly fix: HistoryRow,
  ) {}
}
