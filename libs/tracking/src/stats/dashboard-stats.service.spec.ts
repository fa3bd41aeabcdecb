import type { PresenceService, Publisher } from '#realtime';
import type { DataSource } from 'typeorm';
import { EMPTY_COUNTS } from './dashboard-stats.sql.js';
import { DashboardStatsService } from './dashboard-stats.service.js';

describe('dashboard stats aggregation', () => {
  const svc = new DashboardStatsService({} as DataSource, {} as PresenceService, {} as Publisher);
  const perSite = new Map([
    ['A', { ...EMPTY_COUNTS, activePanics: 1, guardsOnShift: 2, overduePatrols: 1 }],
    ['B', { ...EMPTY_COUNTS, openIncidents: 3, guardsOnShift: 1, patrolsInProgress: 2 }],
  ]);
  const online = [
    { user_id: 'g1', site_ids: ['A'] },
    { user_id: 'g2', site_ids: ['A', 'B'] },
    { user_id: 'g3', site_ids: [] },
  ];

  it('sums every site for admins, counting each online guard once', () => {
    expect(svc.aggregate(perSite, null, online)).toEqual({
      activePanics: 1,
      openIncidents: 3,
      guardsOnShift: 3,
      patrolsInProgress: 2,
      overduePatrols: 1,
      guardsOnline: 3,
    });
  });
  it("sums a manager's sites only", () => {
    expect(svc.aggregate(perSite, ['B', 'C'], online)).toEqual({
      ...EMPTY_COUNTS,
      openIncidents: 3,
      guardsOnShift: 1,
      patrolsInProgress: 2,
      guardsOnline: 1,
    });
  });
});
