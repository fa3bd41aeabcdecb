/** What the tracking feature stores; collected by apps/api/src/persistence.ts. */
export const trackingEntities: (new () => unknown)[] = [];
export const trackingMigrations: (new () => unknown)[] = [];
