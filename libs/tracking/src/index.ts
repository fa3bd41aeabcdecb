export * from './tracking.module.js';
export * from './persistence/tracking-persistence.js';
