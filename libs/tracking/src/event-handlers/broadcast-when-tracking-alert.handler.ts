import { EventsHandler } from '@nestjs/cqrs';
import { BroadcastCommitted } from '#realtime';
import { BackupRequestedEvent } from '../events/backup-requested.event.js';
import { GeofenceBreachedEvent } from '../events/geofence-breached.event.js';
import { GuardStaleEvent } from '../events/guard-stale.event.js';
import { SiteUnwatchedEvent } from '../events/site-unwatched.event.js';

/** geofence_breach, guard_stale, site_unwatched and backup_requested: the stored envelopes to their streams. */
@EventsHandler(GeofenceBreachedEvent, GuardStaleEvent, SiteUnwatchedEvent, BackupRequestedEvent)
export class BroadcastWhenTrackingAlert extends BroadcastCommitted {}
