export * from './patrols.module.js';
export * from './patrols.constants.js';
export * from './persistence/patrols-persistence.js';
export * from './domain/scan-classification.js';
export * from './domain/patrol-run.js';
// The demo seed of apps/api creates its routes through these, like the REST controllers do.
export * from './commands/create-checkpoint/create-checkpoint.command.js';
export * from './commands/create-checkpoint/create-checkpoint.dto.js';
export * from './commands/create-patrol-route/create-patrol-route.command.js';
export * from './persistence/patrol-run.ports.js';
export * from './persistence/patrol-bulk-seed.js';
