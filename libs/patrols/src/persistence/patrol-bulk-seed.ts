import type { LatLng } from '#core';
import type { EntityManager } from 'typeorm';

/** A checkpoint to create in bulk. */
export interface SeedCheckpoint {
  siteId: string;
  name: string;
  code: string;
  location: LatLng;
  radiusM: number;
}

/** A route to create in bulk: its checkpoints in walking order. */
export interface SeedRoute {
  siteId: string;
  name: string;
  checkpointIds: string[];
  expectedDurationMinutes: number;
  maxGapMinutes: number;
}

/**
 * Checkpoints and routes by the thousand in a few statements, for the load simulation's seeder
 * (the commands create one at a time, with events nobody listens to while seeding).
 */
export const PatrolBulkSeed = {
  /** Inserts the checkpoints (codes unique) and returns their ids by code. */
  async insertCheckpoints(tx: EntityManager, checkpoints: SeedCheckpoint[]): Promise<Map<string, string>> {
    const rows = (await tx.query(
      `INSERT INTO checkpoints (site_id, name, code, location, radius_m)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::int[]) RETURNING id, code`,
      [
        checkpoints.map((c) => c.siteId),
        checkpoints.map((c) => c.name),
        checkpoints.map((c) => c.code),
        checkpoints.map((c) => JSON.stringify(c.location)),
        checkpoints.map((c) => c.radiusM),
      ],
    )) as { id: string; code: string }[];
    return new Map(rows.map((r) => [r.code, r.id]));
  },

  /** Inserts the routes (one per site) and returns their ids by site. */
  async insertRoutes(tx: EntityManager, routes: SeedRoute[]): Promise<Map<string, string>> {
    const rows = (await tx.query(
      `INSERT INTO patrol_routes (site_id, name, checkpoint_ids, expected_duration_minutes, max_gap_minutes)
       SELECT (r->>'siteId')::uuid, r->>'name',
              ARRAY(SELECT id::uuid FROM jsonb_array_elements_text(r->'checkpointIds') WITH ORDINALITY
                      AS c(id, n) ORDER BY n),
              (r->>'expectedDurationMinutes')::int, (r->>'maxGapMinutes')::int
         FROM jsonb_array_elements($1::jsonb) AS r RETURNING id, site_id`,
      [JSON.stringify(routes)],
    )) as { id: string; site_id: string }[];
    return new Map(rows.map((r) => [r.site_id, r.id]));
  },
};
