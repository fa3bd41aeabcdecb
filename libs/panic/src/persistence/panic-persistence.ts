/** What the panic feature stores; collected by apps/api/src/persistence.ts. */
export const panicEntities: (new () => unknown)[] = [];
export const panicMigrations: (new () => unknown)[] = [];
