import { Attendance1732200002000 } from './1732200002000-attendance.js';
import { ShiftsByGuardEnd1733300023100 } from './1733300023100-shifts-by-guard-end.js';

/** What the attendance feature stores; collected by apps/api/src/persistence.ts. */
export const attendanceEntities: (new () => unknown)[] = [];
export const attendanceMigrations: (new () => unknown)[] = [
  Attendance1732200002000,
  ShiftsByGuardEnd1733300023100,
];
