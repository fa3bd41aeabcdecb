import { PatrolRuns } from './patrol-run.repository.js';

/** What other features may read of patrol runs (they never read the table): counts per site. */
export const PatrolRunCounts = {
  inProgressBySite: PatrolRuns.inProgressBySite,
  overdueBySite: PatrolRuns.overdueBySite,
};
