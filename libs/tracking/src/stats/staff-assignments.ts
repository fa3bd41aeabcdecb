import type { DataSource } from 'typeorm';

/**
 * Active guards' site assignments for guardsOnline: one flat row per (guard, site), site_id null for
 * a guard without sites. Flat rows, not array_agg: parsing ten thousand uuid[] values in node took
 * ~100 ms of one event-loop turn every period at 10,000 guards.
 */
export async function guardAssignments(
  db: DataSource,
): Promise<{ user_id: string; site_id: string | null }[]> {
  return (await db.query(
    `SELECT u.id AS user_id, a.site_id FROM users u LEFT JOIN site_assignments a ON a.user_id = u.id
      WHERE u.role = 'guard' AND u.active`,
  )) as { user_id: string; site_id: string | null }[];
}

/** Active managers and their sites. */
export async function managerSites(db: DataSource): Promise<{ user_id: string; site_ids: string[] }[]> {
  return (await db.query(
    `SELECT u.id AS user_id, array_agg(a.site_id) AS site_ids FROM users u
       JOIN site_assignments a ON a.user_id = u.id WHERE u.role = 'manager' AND u.active GROUP BY u.id`,
  )) as { user_id: string; site_ids: string[] }[];
}
