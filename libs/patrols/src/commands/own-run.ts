import { AppError, type Principal } from '#core';
import type { EntityManager } from 'typeorm';
import { isInProgress } from '../domain/patrol-run.js';
import { PatrolRunEntity } from '../persistence/patrol-run.entity.js';

/**
 * Locks a patrol run for a command of its guard: NOT_FOUND when it does not exist, FORBIDDEN
 * when it is another guard's, CONFLICT when it is no longer in progress.
 */
export async function lockOwnRunInProgress(
  tx: EntityManager,
  me: Principal,
  runId: string,
): Promise<PatrolRunEntity> {
  const run = await tx
    .getRepository(PatrolRunEntity)
    .findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
  if (!run) throw AppError.notFound('Patrol run');
  if (run.guardId !== me.userId)
    throw AppError.forbidden('This patrol run belongs to another guard', { reason: 'NOT_YOUR_RUN' });
  if (!isInProgress(run))
    throw AppError.conflict(`Patrol run is ${run.status}`, { patrolRunId: run.id, status: run.status });
  return run;
}
