import { AppError, isSiteStaff, type Principal } from '#core';
import type { EntityManager } from 'typeorm';
import { ScheduledShifts, type LockedPlan } from '../../persistence/scheduled-shift.repository.js';
import { Shifts } from '../../persistence/shift.repository.js';

/**
 * The planned shift, row-locked for a change, if the caller is staff of its site; a plan someone
 * already clocked in for is history (the attendance report reads it) and answers CONFLICT.
 */
export async function lockChangeablePlan(tx: EntityManager, me: Principal, id: string): Promise<LockedPlan> {
  const plan = await ScheduledShifts.lock(tx, id);
  if (!plan || !isSiteStaff(me, plan.siteId)) throw AppError.notFound('Scheduled shift');
  const clockIn = await Shifts.clockInFor(tx, id);
  if (clockIn)
    throw AppError.conflict('The guard already clocked in for this planned shift', { shiftId: clockIn });
  return plan;
}
