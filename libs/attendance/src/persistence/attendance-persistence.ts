/** What the attendance feature stores; collected by apps/api/src/persistence.ts. */
export const attendanceEntities: (new () => unknown)[] = [];
export const attendanceMigrations: (new () => unknown)[] = [];
