import { Panic1732200003100 } from './1732200003100-panic.js';
import { PanicBackup1733400000100 } from './1733400000100-panic-backup.js';
import { PanicEntity } from './panic.entity.js';

/** What the panic feature stores; collected by apps/api/src/persistence.ts. */
export const panicEntities: (new () => unknown)[] = [PanicEntity];
export const panicMigrations: (new () => unknown)[] = [Panic1732200003100, PanicBackup1733400000100];
