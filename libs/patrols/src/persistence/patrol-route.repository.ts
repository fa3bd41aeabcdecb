import type { EntityManager } from 'typeorm';
import { entityStore } from './entity-store.js';
import { PatrolRouteEntity } from './patrol-route.entity.js';

/** Every statement on patrol_routes. */
export const PatrolRoutes = {
  ...entityStore(PatrolRouteEntity),

  /** Ids of the routes that list the checkpoint. */
  async listing(tx: EntityManager, checkpointId: string): Promise<string[]> {
    const rows = (await tx.query('SELECT id FROM patrol_routes WHERE $1 = ANY(checkpoint_ids) ORDER BY id', [
      checkpointId,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  },
};
