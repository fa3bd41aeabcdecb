import { AppError, isSiteStaff, type Principal } from '#core';
import type { EntityManager } from 'typeorm';

export interface LockedPlan {
  id: string;
  guardId: string;
  siteId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The planned shift, row-locked for a change, if the caller is staff of its site; a plan someone
 * already clocked in for is history (the attendance report reads it) and answers CONFLICT.
 */
export async function lockChangeablePlan(tx: EntityManager, me: Principal, id: string): Promise<LockedPlan> {
  const [plan] = (await tx.query(
    `SELECT id, guard_id AS "guardId", site_id AS "siteId", starts_at AS "startsAt", ends_at AS "endsAt"
       FROM scheduled_shifts WHERE id = $1 FOR UPDATE`,
    [id],
  )) as LockedPlan[];
  if (!plan || !isSiteStaff(me, plan.siteId)) throw AppError.notFound('Scheduled shift');
  const [clockIn] = (await tx.query('SELECT id FROM shifts WHERE scheduled_shift_id = $1 LIMIT 1', [id])) as {
    id: string;
  }[];
  if (clockIn)
    throw AppError.conflict('The guard already clocked in for this planned shift', { shiftId: clockIn.id });
  return plan;
}
