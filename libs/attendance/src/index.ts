export * from './attendance.module.js';
export * from './persistence/attendance-persistence.js';
