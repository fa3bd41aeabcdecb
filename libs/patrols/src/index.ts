export * from './patrols.module.js';
export * from './persistence/patrols-persistence.js';
