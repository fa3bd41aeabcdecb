import { In, type EntityManager } from 'typeorm';
import { CheckpointEntity } from './checkpoint.entity.js';
import { entityStore } from './entity-store.js';

/** Every statement on checkpoints. */
export const Checkpoints = {
  ...entityStore(CheckpointEntity),

  /** Whether a checkpoint of the site has the code. */
  codeTaken(tx: EntityManager, siteId: string, code: string): Promise<boolean> {
    return tx.getRepository(CheckpointEntity).existsBy({ siteId, code });
  },

  /** How many of these checkpoints belong to the site. */
  countOfSite(tx: EntityManager, ids: string[], siteId: string): Promise<number> {
    return tx.getRepository(CheckpointEntity).countBy({ id: In(ids), siteId });
  },
};
