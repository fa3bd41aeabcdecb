export * from './backoff.js';
export * from './client.js';
export * from './client-error.js';
export * from './contract.js';
export * from './cursor-store.js';
export * from './emitter.js';
export * from './offline-queue.js';
export * from './stream-buffer.js';
