/** A new site exists: connected admins join its staff room. */
export class SiteCreatedEvent {
  constructor(readonly siteId: string) {}
}
