import { CommittedEvent } from '#realtime';

/** A guard on shift left the site's geofence: `geofence_breach` to the site staff and the guard. */
export class GeofenceBreachedEvent extends CommittedEvent {
  constructor(
    readonly guardId: string,
    readonly siteId: string,
  ) {
    super();
  }
}
