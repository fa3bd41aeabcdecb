import { coreEntities, coreMigrations } from '#core';

/** Every entity and migration of the product, in one list for the data source. */
export const entities = [...coreEntities];
export const migrations = [...coreMigrations];
