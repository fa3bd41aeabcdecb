import { Tracking1732200006000 } from './1732200006000-tracking.js';
import { LocationClientEventId1732300000000 } from './1732300000000-location-client-event-id.js';
import { LocationHistoryStatistics1733500000100 } from './1733500000100-location-history-statistics.js';

/** What the tracking feature stores; collected by apps/api/src/persistence.ts. */
export const trackingEntities: (new () => unknown)[] = [];
export const trackingMigrations: (new () => unknown)[] = [
  Tracking1732200006000,
  LocationClientEventId1732300000000,
  LocationHistoryStatistics1733500000100,
];
