import type { AdminDashboardStats, DashboardStats } from '../stats/dashboard-stats.service.js';

/**
 * The period's dashboard numbers were computed (by the one node that won the period): its handler
 * sends `dashboard_stats` (ephemeral) to the admins and to each online manager for their sites.
 */
export class DashboardStatsComputedEvent {
  constructor(
    readonly admin: AdminDashboardStats,
    readonly managers: readonly { userId: string; stats: DashboardStats }[],
  ) {}
}
