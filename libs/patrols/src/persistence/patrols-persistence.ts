import { CheckpointEntity } from './checkpoint.entity.js';
import { PatrolRouteEntity } from './patrol-route.entity.js';
import { PatrolRunEntity } from './patrol-run.entity.js';
import { PatrolScanEntity } from './patrol-scan.entity.js';
import { Patrols1732200005000 } from './1732200005000-patrols.js';
import { PatrolRunShift1732400001000 } from './1732400001000-patrol-run-shift.js';

/** What the patrols feature stores; collected by apps/api/src/persistence.ts. */
export const patrolsEntities: (new () => unknown)[] = [
  CheckpointEntity,
  PatrolRouteEntity,
  PatrolRunEntity,
  PatrolScanEntity,
];
export const patrolsMigrations: (new () => unknown)[] = [Patrols1732200005000, PatrolRunShift1732400001000];
