export * from './incidents.module.js';
export * from './persistence/incidents-persistence.js';
