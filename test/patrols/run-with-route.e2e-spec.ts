import type { PoolClient } from 'pg';
import { lockOwnRunInProgress } from '../../libs/patrols/src/commands/own-run.js';
import { ownRunWithRoute } from '../../libs/patrols/src/commands/run-with-route.js';
import { PatrolRuns } from '../../libs/patrols/src/persistence/patrol-run.repository.js';
import type { TestSocket } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { siteWithCheckpoints, startGuardRun } from './patrol-fixtures.js';

/** The scan's packed prefetch reads the same run as the plain lock every other patrol command uses. */
describe('scan prefetch (run and route as one json array)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('gives every field of the run as lockOwnRunInProgress does, and the route in walking order', async () => {
    const { siteId, sup, cps, open } = await siteWithCheckpoints(t, 'Prefetch site', 3, sockets);
    const { guard, run } = await startGuardRun(t, { siteId, staff: sup, checkpoints: cps }, open, {
      expectedDurationMinutes: 60,
      maxGapMinutes: 15,
    });
    // Every nullable field set, every timestamp different: a field read from the wrong place shows.
    await t.db.query(
      `UPDATE patrol_runs SET scanned_ids = $2, skipped_ids = $3, gap_alert_missed = $4,
         last_progress_at = started_at + interval '1 minute', gap_alert_base = started_at + interval '2 minutes',
         overdue_alerted_at = started_at + interval '3 minutes', created_at = started_at - interval '1 second'
       WHERE id = $1`,
      [run.id, [cps[0].id], [cps[1].id], [cps[2].id]],
    );
    const me = { userId: guard.id, role: 'guard' as const, name: guard.name, siteIds: [siteId] };
    await t.db.transaction(async (tx) => {
      const plain = await lockOwnRunInProgress(tx, me, run.id);
      const client = (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
      const packed = ownRunWithRoute((await client.query(PatrolRuns.lockWithRouteQuery(run.id))).rows, me);
      expect(packed.run).toEqual({ ...plain });
      expect(packed.route.map((c) => c.id)).toEqual(cps.map((c) => c.id));
      expect(packed.route[0]).toEqual({
        id: cps[0].id,
        name: expect.any(String),
        code: expect.any(String),
        location: expect.objectContaining({ lat: expect.any(Number), lng: expect.any(Number) }),
        radiusM: expect.any(Number),
      });
    });
  });
});
