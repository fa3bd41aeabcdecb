export * from './patrols.module.js';
export * from './patrols.constants.js';
export * from './persistence/patrols-persistence.js';
export * from './domain/scan-classification.js';
export * from './domain/patrol-run.js';
