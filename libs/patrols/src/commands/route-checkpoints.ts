import { AppError } from '#core';
import { In, type EntityManager } from 'typeorm';
import { CheckpointEntity } from '../persistence/checkpoint.entity.js';

/** A route's checkpoints must all exist and belong to the route's site (creating and editing it). */
export async function assertCheckpointsOfSite(
  tx: EntityManager,
  checkpointIds: string[],
  siteId: string,
): Promise<void> {
  const found = await tx.getRepository(CheckpointEntity).countBy({ id: In(checkpointIds), siteId });
  if (found !== checkpointIds.length)
    throw AppError.validation([
      {
        field: 'checkpointIds',
        constraints: { sameSite: 'every checkpoint must exist and belong to the route site' },
      },
    ]);
}
