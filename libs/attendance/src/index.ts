export * from './attendance.module.js';
export * from './persistence/attendance-persistence.js';
export * from './events/shift-started.event.js';
export * from './events/shift-ended.event.js';
export * from './events/shift-scheduled.event.js';
export * from './events/shift-missed.event.js';
export type { ShiftView, ScheduledShiftView } from './persistence/shift.repository.js';
export * from './commands/schedule-shift/schedule-shift.command.js';
export * from './commands/schedule-shift/schedule-shift.dto.js';
