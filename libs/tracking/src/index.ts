export * from './tracking.module.js';
export * from './persistence/tracking-persistence.js';
export { LocationBatcher } from './batching/location-batcher.service.js';
export { DashboardStatsService, DASHBOARD_STATS_MS } from './stats/dashboard-stats.service.js';
export { SiteWatchService } from './watch/site-watch.service.js';
export { LocationRetention } from './persistence/location-retention.service.js';
export { countPerSite } from './stats/site-counts.js';
