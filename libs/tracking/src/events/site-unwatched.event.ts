import { CommittedEvent } from '#realtime';

/** A site with guards on shift has had no staff watching it too long: `site_unwatched`. */
export class SiteUnwatchedEvent extends CommittedEvent {
  constructor(readonly siteId: string) {
    super();
  }
}
