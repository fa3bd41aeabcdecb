// The framework overrides made for speed, each explained and measured in docs/fast-path.md, each
// with a canary spec beside it; FAST_PATH=off (AppConfig) runs the plain framework path instead.
export * from './fast-path-mode.js';
export * from './fast-validation.pipe.js';
export * from './precompiled-rules.js';
export * from './validation-metadata-cache.js';
export * from './pipelined-transaction.js';
export * from './handler-slots.js';
