export const ROLES = ['guard', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Staff watch sites; guards work them. */
export const STAFF_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];
export const isStaffRole = (role: Role): boolean => role !== 'guard';
