import type { DataSource } from 'typeorm';

/**
 * The counting SQL of dashboard_stats, per site, isolated here because the tables belong to other
 * features (panics, incidents, patrol_runs) and may not exist yet or may change: each count runs
 * only when its table exists, and a failing count (a column renamed) counts zero rather than
 * breaking the stats.
 */
export interface SiteCounts {
  activePanics: number;
  openIncidents: number;
  guardsOnShift: number;
  patrolsInProgress: number;
  overduePatrols: number;
}

const COUNTS: Record<keyof SiteCounts, { table: string; sql: string }> = {
  activePanics: {
    table: 'panics',
    sql: `SELECT site_id, count(*)::int AS n FROM panics
           WHERE upper(status::text) NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED') GROUP BY site_id`,
  },
  openIncidents: {
    table: 'incidents',
    sql: `SELECT site_id, count(*)::int AS n FROM incidents
           WHERE upper(status::text) NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED') GROUP BY site_id`,
  },
  guardsOnShift: {
    table: 'shifts',
    sql: 'SELECT site_id, count(*)::int AS n FROM shifts WHERE ended_at IS NULL GROUP BY site_id',
  },
  patrolsInProgress: {
    table: 'patrol_runs',
    sql: `SELECT site_id, count(*)::int AS n FROM patrol_runs
           WHERE upper(status::text) = 'IN_PROGRESS' GROUP BY site_id`,
  },
  overduePatrols: {
    table: 'patrol_runs',
    // In progress past the expected duration (or already reported overdue by the patrols feature).
    sql: `SELECT site_id, count(*)::int AS n FROM patrol_runs
           WHERE upper(status::text) = 'IN_PROGRESS' AND (overdue_alerted_at IS NOT NULL
              OR started_at + expected_duration_minutes * interval '1 minute' < now()) GROUP BY site_id`,
  },
};

export const EMPTY_COUNTS: SiteCounts = {
  activePanics: 0,
  openIncidents: 0,
  guardsOnShift: 0,
  patrolsInProgress: 0,
  overduePatrols: 0,
};

/** Counts per site id. */
export async function countPerSite(
  db: DataSource,
  onError: (count: keyof SiteCounts, err: unknown) => void = () => undefined,
): Promise<Map<string, SiteCounts>> {
  const tables = [...new Set(Object.values(COUNTS).map((c) => c.table))];
  const present = (await db.query(
    "SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass('public.' || t) IS NOT NULL",
    [tables],
  )) as { t: string }[];
  const exists = new Set(present.map((p) => p.t));
  const out = new Map<string, SiteCounts>();
  for (const [key, c] of Object.entries(COUNTS) as [keyof SiteCounts, (typeof COUNTS)[keyof SiteCounts]][]) {
    if (!exists.has(c.table)) continue;
    const rows = (await db.query(c.sql).catch((e: unknown) => {
      onError(key, e);
      return [];
    })) as { site_id: string; n: number }[];
    for (const r of rows) {
      const counts = out.get(r.site_id) ?? { ...EMPTY_COUNTS };
      counts[key] = r.n;
      out.set(r.site_id, counts);
    }
  }
  return out;
}

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
