import { AppError, type Principal } from '#core';
import type { EntityManager } from 'typeorm';
import { isInProgress } from '../domain/patrol-run.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';
import { PatrolRuns } from '../persistence/patrol-run.repository.js';

/** NOT_FOUND, FORBIDDEN (another guard's) or CONFLICT (no longer in progress), else the run. */
export function checkOwnInProgress(run: PatrolRunEntity | undefined, me: Principal): PatrolRunEntity {
  if (!run) throw AppError.notFound('Patrol run');
  if (run.guardId !== me.userId)
    throw AppError.forbidden('This patrol run belongs to another guard', { reason: 'NOT_YOUR_RUN' });
  if (!isInProgress(run))
    throw AppError.conflict(`Patrol run is ${run.status}`, { patrolRunId: run.id, status: run.status });
  return run;
}

/**
 * Locks a patrol run for a command of its guard: NOT_FOUND when it does not exist, FORBIDDEN
 * when it is another guard's, CONFLICT when it is no longer in progress.
 */
export async function lockOwnRunInProgress(
  tx: EntityManager,
  me: Principal,
  runId: string,
): Promise<PatrolRunEntity> {
  return checkOwnInProgress(await PatrolRuns.lock(tx, runId), me);
}
