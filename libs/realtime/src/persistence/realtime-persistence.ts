import { Realtime1732200001000 } from './1732200001000-realtime.js';
import { DeliveryLog1732500001000 } from './1732500001000-delivery-log.js';
import { EventLogStatistics1733500000000 } from './1733500000000-event-log-statistics.js';

/** The realtime layer stores through raw SQL (event log, idempotency, audit, timers): no entities. */
export const realtimeMigrations = [
  Realtime1732200001000,
  DeliveryLog1732500001000,
  EventLogStatistics1733500000000,
];
