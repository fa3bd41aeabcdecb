import { command, connect, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createRoute, siteWithCheckpoints, startGuardRun, startShift } from './patrol-fixtures.js';

// One "minute" of route settings lasts 500 ms here: maxGapMinutes 2 = 1 s.
const MINUTE_MS = 500;

describe('a patrol run ends with the shift it was started in (endedBy SHIFT_END)', () => {
  const sockets: TestSocket[] = [];
  const apps: TestApp[] = [];

  /** An app, a site with a supervisor's socket and three checkpoints; `sweepMs` is the backstop's period. */
  async function setUp(sweepMs: number) {
    const t = await startTestApp({
      TIMER_POLL_MS: '100',
      PATROL_MINUTE_MS: String(MINUTE_MS),
      PATROL_SHIFT_SWEEP_MS: String(sweepMs),
    });
    apps.push(t);
    const { siteId, sup, cps, open } = await siteWithCheckpoints(t, 'Depot', 3, sockets);
    const supS = await open(sup);
    /** A guard on shift with a socket and a started run of a fresh route. */
    const startRun = (expectedDurationMinutes: number, maxGapMinutes: number) =>
      startGuardRun(t, { siteId, staff: sup, checkpoints: cps }, open, {
        expectedDurationMinutes,
        maxGapMinutes,
      });
    /** Ends the guard's shift in the database only: no event, as if the node stopped after the commit. */
    const endShiftSilently = (guardId: string) =>
      t.db.query(
        'UPDATE shifts SET ended_at = now(), ended_received_at = now() WHERE guard_id = $1 AND ended_at IS NULL',
        [guardId],
      );
    const pendingTimers = async (runId: string) =>
      (
        (await t.db.query('SELECT kind FROM timers WHERE ref = $1 ORDER BY kind', [runId])) as {
          kind: string;
        }[]
      ).map((r) => r.kind);
    return { t, siteId, sup, cps, supS, startRun, endShiftSilently, pendingTimers };
  }
  const completedOf = (s: TestSocket, runId: string) =>
    waitFor(s, 'patrol_completed', (e) => e.data.patrolRun.id === runId);
  const timeoutsOf = (s: TestSocket, runId: string) =>
    receivedOf(s, 'patrol_timeout').filter((e) => e.data.patrolRun.id === runId);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const t of apps) await t.close();
  });

  describe('without the sweep', () => {
    let env: Awaited<ReturnType<typeof setUp>>;
    beforeAll(async () => {
      env = await setUp(600_000);
    });

    it('shift_end mid-patrol ends the run at the clock-out and cancels its deadlines; the next shift starts a patrol', async () => {
      const { t, siteId, supS, startRun, pendingTimers } = env;
      const { s, guard, route, run } = await startRun(600, 600); // only the clock-out can end it soon
      await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-1' });
      const ended = await command(s, 'shift_end', {});
      expect(ended).toMatchObject({ ok: true, data: { shift: { endedAt: expect.any(String) } } });
      const done = await completedOf(supS, run.id);
      expect(done).toMatchObject({ type: 'patrol_completed', siteId, actor: { role: 'system' } });
      expect(done.data.patrolRun).toMatchObject({
        status: 'COMPLETED',
        endedBy: 'SHIFT_END',
        completedAt: ended.data.shift.endedAt,
        progress: { scanned: 1, total: 3 },
        skippedCheckpoints: [{ code: 'CP-2' }, { code: 'CP-3' }],
      });
      expect((await completedOf(s, run.id)).id).toBe(done.id);
      expect(await pendingTimers(run.id)).toEqual([]); // nothing left to raise about a guard gone home
      expect(
        (await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-2' })).error.code,
      ).toBe('CONFLICT');

      await startShift(t, guard.id, siteId);
      const next = await command(s, 'start_patrol', { routeId: route.id });
      expect(next.ok).toBe(true);
      await command(s, 'complete_patrol', { patrolRunId: next.data.patrolRun.id });
    });

    it('a run whose clock-out never reached it ends at its next deadline instead of raising a miss', async () => {
      const { t, supS, startRun, endShiftSilently, pendingTimers } = env;
      const { run, guard } = await startRun(600, 600);
      await endShiftSilently(guard.id);
      // the gap deadline comes now
      await t.db.query(`UPDATE timers SET due_at = now() WHERE ref = $1 AND kind = 'patrol.gap'`, [run.id]);
      const done = await completedOf(supS, run.id);
      expect(done.data.patrolRun).toMatchObject({ status: 'COMPLETED', endedBy: 'SHIFT_END' });
      expect(await pendingTimers(run.id)).toEqual([]);
      await flush(supS);
      expect(timeoutsOf(supS, run.id)).toEqual([]);
    });

    it('start_patrol in a new shift ends the run an earlier shift left in progress', async () => {
      const { t, siteId, supS, startRun, endShiftSilently } = env;
      const { s, guard, route, run } = await startRun(600, 600);
      await endShiftSilently(guard.id);
      await startShift(t, guard.id, siteId);
      const ack = await command(s, 'start_patrol', { routeId: route.id });
      expect(ack.ok).toBe(true);
      expect(ack.data.patrolRun.id).not.toBe(run.id);
      const done = await completedOf(supS, run.id);
      expect(done.actor).toMatchObject({ userId: guard.id }); // ended by the guard's start_patrol
      expect(done.data.patrolRun).toMatchObject({ endedBy: 'SHIFT_END', skippedCheckpoints: [{}, {}, {}] });
      // a run of the shift still open is the guard's to finish first
      const again = await command(s, 'start_patrol', { routeId: route.id });
      expect(again.error).toMatchObject({
        code: 'CONFLICT',
        details: { patrolRunId: ack.data.patrolRun.id },
      });
      await command(s, 'complete_patrol', { patrolRunId: ack.data.patrolRun.id });
    });

    it('a phone clock running ahead at clock-in does not make the run belong to an earlier shift', async () => {
      const { t, siteId, sup, cps, supS, pendingTimers } = env;
      const guard = await createUser(t, 'guard', [siteId]);
      // an earlier, ended shift, then the current one stamped 90 s in the future by the phone
      await t.db.query(
        `INSERT INTO shifts (guard_id, site_id, started_at, ended_at, ended_received_at)
         VALUES ($1, $2, now() - interval '2 hours', now() - interval '1 hour', now() - interval '1 hour')`,
        [guard.id, siteId],
      );
      await t.db.query(
        `INSERT INTO shifts (guard_id, site_id, started_at) VALUES ($1, $2, now() + interval '90 seconds')`,
        [guard.id, siteId],
      );
      const route = await createRoute(t, sup, {
        siteId,
        checkpointIds: cps.map((c) => c.id),
        expectedDurationMinutes: 600,
        maxGapMinutes: 2, // gap 1 s
      });
      const s = await connect(t.baseUrl, { token: guard.token });
      sockets.push(s);
      const ack = await command(s, 'start_patrol', { routeId: route.id });
      expect(ack.ok).toBe(true);
      // its deadlines run as for any run: the gap raises a miss instead of ending the run
      const miss = await waitFor(
        supS,
        'patrol_timeout',
        (e) => e.data.patrolRun.id === ack.data.patrolRun.id,
      );
      expect(miss.data).toMatchObject({ reason: 'CHECKPOINT_MISSED', patrolRun: { status: 'IN_PROGRESS' } });
      expect(await pendingTimers(ack.data.patrolRun.id)).toEqual(['patrol.overdue']);
      await command(s, 'complete_patrol', { patrolRunId: ack.data.patrolRun.id });
    });
  });

  it('the sweep ends a run whose shift ended when no deadline of it is near (OVERDUE spent), and leaves runs of open shifts alone', async () => {
    const { t, supS, startRun, endShiftSilently, pendingTimers } = await setUp(300);
    const open = await startRun(600, 600);
    const orphan = await startRun(2, 600); // OVERDUE after 1 s, then no deadline left
    await waitFor(supS, 'patrol_timeout', (e) => e.data.patrolRun.id === orphan.run.id);
    expect(await pendingTimers(orphan.run.id)).toEqual(['patrol.gap']);
    await endShiftSilently(orphan.guard.id);
    const done = await completedOf(supS, orphan.run.id);
    expect(done).toMatchObject({ actor: { role: 'system' }, data: { patrolRun: { endedBy: 'SHIFT_END' } } });
    await flush(supS);
    expect(receivedOf(supS, 'patrol_completed').map((e) => e.data.patrolRun.id)).not.toContain(open.run.id);
    await command(open.s, 'complete_patrol', { patrolRunId: open.run.id });

    // runs without a shift_id (from before the column, or a node on older code): left alone while
    // the guard still has the open shift it was started in, ended once the guard has none
    const legacyOpen = await startRun(600, 600);
    const legacyOrphan = await startRun(600, 600);
    await t.db.query('UPDATE patrol_runs SET shift_id = NULL WHERE id = ANY($1)', [
      [legacyOpen.run.id, legacyOrphan.run.id],
    ]);
    await endShiftSilently(legacyOrphan.guard.id);
    const legacyDone = await completedOf(supS, legacyOrphan.run.id);
    expect(legacyDone.data.patrolRun).toMatchObject({
      endedBy: 'SHIFT_END',
      completedAt: legacyOrphan.run.startedAt,
    });
    await flush(supS);
    expect(receivedOf(supS, 'patrol_completed').map((e) => e.data.patrolRun.id)).not.toContain(
      legacyOpen.run.id,
    );
    await command(legacyOpen.s, 'complete_patrol', { patrolRunId: legacyOpen.run.id });
  });
});
