export * from './backoff.js';
export * from './client.js';
export * from './client-error.js';
export * from './cursor-store.js';
export * from './emitter.js';
export * from './messaging.js';
export * from './offline-queue.js';
export * from './stream-buffer.js';
// The whole contract (command and event names, payload, ack and data types) comes with the SDK:
// the package build bundles it, so an app needs no second package.
export * from '#contract';
