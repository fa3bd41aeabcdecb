/** What the incidents feature stores; collected by apps/api/src/persistence.ts. */
export const incidentsEntities: (new () => unknown)[] = [];
export const incidentsMigrations: (new () => unknown)[] = [];
