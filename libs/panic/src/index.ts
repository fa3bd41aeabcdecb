export * from './panic.module.js';
export * from './persistence/panic-persistence.js';
export type { PanicView } from './persistence/panic.repository.js';
export { PANIC_TYPES, PANIC_STATUSES, type PanicStatus, type PanicType } from './domain/panic.js';
