import type { EventBus } from '@nestjs/cqrs';
import type { PresenceService } from '#realtime';
import type { DataSource } from 'typeorm';
import type { PanicReach } from '../ports/panic-reach.port.js';
import { EMPTY_COUNTS } from './site-counts.js';
import { DashboardStatsService, onlineGuards } from './dashboard-stats.service.js';

describe('dashboard stats aggregation', () => {
  const svc = new DashboardStatsService(
    {} as DataSource,
    {} as PresenceService,
    {} as EventBus,
    {} as PanicReach,
  );
  const perSite = new Map([
    ['A', { ...EMPTY_COUNTS, activePanics: 1, guardsOnShift: 2, overduePatrols: 1 }],
    ['B', { ...EMPTY_COUNTS, openIncidents: 3, guardsOnShift: 1, patrolsInProgress: 2 }],
  ]);
  // g4 is offline; g2 guards two sites; g3 has none.
  const online = onlineGuards(
    [
      { user_id: 'g1', site_id: 'A' },
      { user_id: 'g2', site_id: 'A' },
      { user_id: 'g2', site_id: 'B' },
      { user_id: 'g3', site_id: null },
      { user_id: 'g4', site_id: 'B' },
    ],
    (id) => id !== 'g4',
  );

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
  it("counts a guard of several of a manager's sites once", () => {
    expect(svc.aggregate(perSite, ['A', 'B'], online).guardsOnline).toBe(2);
    expect(online.count).toBe(3);
  });
});
