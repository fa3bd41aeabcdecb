/** What the patrols feature stores; collected by apps/api/src/persistence.ts. */
export const patrolsEntities: (new () => unknown)[] = [];
export const patrolsMigrations: (new () => unknown)[] = [];
