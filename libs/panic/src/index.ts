export * from './panic.module.js';
export * from './persistence/panic-persistence.js';
