import { ActiveShifts } from '#attendance';
import { openIncidentCountBySite } from '#incidents';
import { activePanicCountBySite } from '#panic';
import { PatrolRunCounts } from '#patrols';
import type { DataSource } from 'typeorm';

/** What dashboard_stats counts per site, each through the port of the feature that owns it. */
export interface SiteCounts {
  activePanics: number;
  openIncidents: number;
  guardsOnShift: number;
  patrolsInProgress: number;
  overduePatrols: number;
}

const COUNTS: Record<keyof SiteCounts, (db: DataSource) => Promise<Map<string, number>>> = {
  activePanics: activePanicCountBySite,
  openIncidents: openIncidentCountBySite,
  guardsOnShift: (db) => ActiveShifts.countBySite(db),
  patrolsInProgress: PatrolRunCounts.inProgressBySite,
  overduePatrols: PatrolRunCounts.overdueBySite,
};

export const EMPTY_COUNTS: SiteCounts = {
  activePanics: 0,
  openIncidents: 0,
  guardsOnShift: 0,
  patrolsInProgress: 0,
  overduePatrols: 0,
};

/** Counts per site id. A failing count (logged by `onError`) counts zero rather than breaking the stats. */
export async function countPerSite(
  db: DataSource,
  onError: (count: keyof SiteCounts, err: unknown) => void = () => undefined,
): Promise<Map<string, SiteCounts>> {
  const out = new Map<string, SiteCounts>();
  for (const key of Object.keys(COUNTS) as (keyof SiteCounts)[]) {
    const bySite = await COUNTS[key](db).catch((e: unknown) => {
      onError(key, e);
      return new Map<string, number>();
    });
    for (const [siteId, n] of bySite) {
      const counts = out.get(siteId) ?? { ...EMPTY_COUNTS };
      counts[key] = n;
      out.set(siteId, counts);
    }
  }
  return out;
}
