import type { Principal } from '#core';
import type { QueryResultRow } from 'pg';
import type { CheckpointEntity } from '../persistence/checkpoint.entity.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';
import { PatrolRuns } from '../persistence/patrol-run.repository.js';
import { checkOwnInProgress } from './own-run.js';

/** A checkpoint of the run's route, as a scan reads it. */
export type ScanCheckpoint = Pick<CheckpointEntity, 'id' | 'name' | 'code' | 'location' | 'radiusM'>;

/**
 * The run in PatrolRuns.lockWithRouteQuery's rows, checked as lockOwnRunInProgress checks it, and
 * its checkpoints in route order.
 */
export function ownRunWithRoute(
  rows: QueryResultRow[],
  me: Principal,
): { run: PatrolRunEntity; route: ScanCheckpoint[] } {
  const found = PatrolRuns.withRouteIn(rows);
  const owned = checkOwnInProgress(found?.run, me);
  const byId = new Map<string, ScanCheckpoint>(
    found!.checkpoints.map(([id, name, code, location, radiusM]) => [
      id,
      { id, name, code, location, radiusM },
    ]),
  );
  const route = owned.checkpointIds.map((id) => byId.get(id)).filter((c): c is ScanCheckpoint => !!c);
  return { run: owned, route };
}
