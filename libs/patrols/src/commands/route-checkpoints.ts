import { AppError } from '#core';
import type { EntityManager } from 'typeorm';
import { Checkpoints } from '../persistence/checkpoint.repository.js';

/** A route's checkpoints must all exist and belong to the route's site (creating and editing it). */
export async function assertCheckpointsOfSite(
  tx: EntityManager,
  checkpointIds: string[],
  siteId: string,
): Promise<void> {
  const found = await Checkpoints.countOfSite(tx, checkpointIds, siteId);
  if (found !== checkpointIds.length)
    throw AppError.validation([
      {
        field: 'checkpointIds',
        constraints: { sameSite: 'every checkpoint must exist and belong to the route site' },
      },
    ]);
}
