import type { Role } from '#contract';

export { ROLES, type Role } from '#contract';

/** Staff watch sites; guards work them. */
export const STAFF_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];
export const isStaffRole = (role: Role): boolean => role !== 'guard';
