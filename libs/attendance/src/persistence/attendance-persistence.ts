import { Attendance1732200002000 } from './1732200002000-attendance.js';

/** What the attendance feature stores; collected by apps/api/src/persistence.ts. */
export const attendanceEntities: (new () => unknown)[] = [];
export const attendanceMigrations: (new () => unknown)[] = [Attendance1732200002000];
