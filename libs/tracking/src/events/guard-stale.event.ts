import { CommittedEvent } from '#realtime';

/** A guard on shift sent no location for the stale period: `guard_stale` to the site staff. */
export class GuardStaleEvent extends CommittedEvent {
  constructor(
    readonly guardId: string,
    readonly siteId: string,
  ) {
    super();
  }
}
