import { command, connect, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { createCheckpoints, startGuardRun } from './patrol-fixtures.js';

// One "minute" of route settings lasts 500 ms here: maxGapMinutes 2 = 1 s.
const MINUTE_MS = 500;

describe('patrol timeouts (device time, once per gap)', () => {
  let t: TestApp;
  let siteId: string;
  let sup: TestUser;
  let cps: { id: string; code: string; name: string }[];
  let supS: TestSocket;
  let otherSupS: TestSocket;
  let bystanderS: TestSocket;
  const sockets: TestSocket[] = [];
  const open = async (u: TestUser) => {
    const s = await connect(t.baseUrl, { token: u.token });
    sockets.push(s);
    return s;
  };
  /** A guard on shift at the site with its socket, and a started run of a fresh route. */
  const startRun = async (expectedDurationMinutes: number, maxGapMinutes: number) =>
    startGuardRun(t, { siteId, staff: sup, checkpoints: cps }, open, {
      expectedDurationMinutes,
      maxGapMinutes,
    });
  const timeoutsOf = (s: TestSocket, runId: string, reason?: string) =>
    receivedOf(s, 'patrol_timeout').filter(
      (e) => e.data.patrolRun.id === runId && (!reason || e.data.reason === reason),
    );
  const pendingTimers = async (runId: string) =>
    (
      (await t.db.query('SELECT kind FROM timers WHERE ref = $1 ORDER BY kind', [runId])) as {
        kind: string;
      }[]
    ).map((r) => r.kind);

  beforeAll(async () => {
    t = await startTestApp({ TIMER_POLL_MS: '100', PATROL_MINUTE_MS: String(MINUTE_MS) });
    siteId = await createSite(t, 'Depot');
    const otherSiteId = await createSite(t, 'Elsewhere');
    sup = await createUser(t, 'supervisor', [siteId]);
    cps = await createCheckpoints(t, sup, siteId, 3);
    supS = await open(sup);
    otherSupS = await open(await createUser(t, 'supervisor', [otherSiteId]));
    bystanderS = await open(await createUser(t, 'guard', [siteId]));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('OVERDUE: once, to site staff and the guard, naming every checkpoint not visited', async () => {
    const { s, run } = await startRun(4, 600); // overdue after 2 s
    await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-1' });
    const env = await waitFor(supS, 'patrol_timeout', (e) => e.data.patrolRun.id === run.id);
    expect(env).toMatchObject({
      type: 'patrol_timeout',
      siteId,
      actor: { role: 'system' },
      data: {
        reason: 'OVERDUE',
        patrolRun: { id: run.id, status: 'IN_PROGRESS', overdue: true, progress: { scanned: 1, total: 3 } },
        missedCheckpoints: [
          { id: cps[1].id, code: 'CP-2', name: 'Checkpoint 2' },
          { id: cps[2].id, code: 'CP-3', name: 'Checkpoint 3' },
        ],
      },
    });
    expect((await waitFor(s, 'patrol_timeout')).id).toBe(env.id);
    expect(await pendingTimers(run.id)).toEqual(['patrol.gap']); // no second OVERDUE is pending
    for (const other of [otherSupS, bystanderS]) {
      await flush(other);
      expect(receivedOf(other, 'patrol_timeout')).toEqual([]);
    }
    await command(s, 'complete_patrol', { patrolRunId: run.id });
    expect(await pendingTimers(run.id)).toEqual([]);
    await flush(supS);
    expect(timeoutsOf(supS, run.id)).toHaveLength(1);
  });

  it('CHECKPOINT_MISSED: the gap since the last scan names the next checkpoint, once per gap', async () => {
    const { s, run } = await startRun(600, 4); // gap 2 s
    expect(
      (await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-1' })).data.result,
    ).toBe('VALID');
    const first = await waitFor(supS, 'patrol_timeout', (e) => e.data.patrolRun.id === run.id);
    expect(first.data).toMatchObject({
      reason: 'CHECKPOINT_MISSED',
      missedCheckpoints: [{ id: cps[1].id, code: 'CP-2' }],
      patrolRun: { progress: { scanned: 1, total: 3 }, nextCheckpoint: { code: 'CP-2' } },
    });
    await waitFor(s, 'patrol_timeout', (e) => e.id === first.id);
    expect(await pendingTimers(run.id)).toEqual(['patrol.overdue']); // not raised again for this gap
    for (const other of [otherSupS, bystanderS]) {
      await flush(other);
      expect(receivedOf(other, 'patrol_timeout')).toEqual([]);
    }

    // the next scan opens a new gap, which can be missed in its turn
    expect(
      (await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-2' })).data.result,
    ).toBe('VALID');
    const second = await waitFor(
      supS,
      'patrol_timeout',
      (e) => e.data.patrolRun.id === run.id && e.data.missedCheckpoints[0]?.code === 'CP-3',
    );
    expect(second.data.reason).toBe('CHECKPOINT_MISSED');
    // the last checkpoint scanned: nothing left to miss
    await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-3' });
    expect(await pendingTimers(run.id)).toEqual(['patrol.overdue']);
    await flush(supS);
    expect(timeoutsOf(supS, run.id, 'CHECKPOINT_MISSED')).toHaveLength(2);
    expect(receivedOf(supS, 'patrol_timeout_cleared')).toEqual([]);
  });

  it('a scan made in time on an offline phone and delivered late is not a miss', async () => {
    const { s, run } = await startRun(600, 2);
    const started = Date.parse(run.startedAt);
    const gapMs = 2 * MINUTE_MS;
    // The phone scans CP-1 at start + 0.8 s while offline; the server sees nothing and raises the miss at 1 s.
    const miss = await waitFor(supS, 'patrol_timeout', (e) => e.data.patrolRun.id === run.id);
    expect(miss.data).toMatchObject({ reason: 'CHECKPOINT_MISSED', missedCheckpoints: [{ code: 'CP-1' }] });
    const offlineScanAt = new Date(started + gapMs - 200).toISOString();
    const ack = await command(s, 'scan_checkpoint', {
      patrolRunId: run.id,
      checkpointCode: 'CP-1',
      recordedAt: offlineScanAt,
    });
    expect(ack.data).toEqual({ result: 'VALID', progress: { scanned: 1, total: 3 } });
    // the late scan proves the miss wrong: retracted for staff and guard
    for (const sock of [supS, s]) {
      const cleared = await waitFor(sock, 'patrol_timeout_cleared', (e) => e.data.patrolRun.id === run.id);
      expect(cleared.data).toMatchObject({
        reason: 'CHECKPOINT_MISSED',
        missedCheckpoints: [{ code: 'CP-1' }],
        clearedBy: { checkpoint: { code: 'CP-1' }, recordedAt: offlineScanAt },
        patrolRun: { lastScanAt: offlineScanAt, progress: { scanned: 1, total: 3 } },
      });
    }
    const scanned = await waitFor(supS, 'checkpoint_scanned', (e) => e.data.patrolRunId === run.id);
    expect(scanned.occurredAt).toBe(offlineScanAt);
    // the next deadline runs from the device time of that scan, not from its delivery
    const next = await waitFor(
      supS,
      'patrol_timeout',
      (e) => e.data.patrolRun.id === run.id && e.data.missedCheckpoints[0]?.code === 'CP-2',
    );
    expect(next.data.patrolRun.nextScanDueBy).toBe(new Date(Date.parse(offlineScanAt) + gapMs).toISOString());
    expect(Date.parse(next.occurredAt)).toBeGreaterThanOrEqual(Date.parse(offlineScanAt) + gapMs);

    // a scan recorded after the deadline is late for real: the miss stands
    await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-2' });
    await command(s, 'complete_patrol', { patrolRunId: run.id });
    await flush(supS);
    await flush(s);
    for (const sock of [supS, s]) {
      expect(
        receivedOf(sock, 'patrol_timeout_cleared').filter((e) => e.data.patrolRun.id === run.id),
      ).toHaveLength(1);
      expect(
        timeoutsOf(sock, run.id, 'CHECKPOINT_MISSED')
          .map((e) => e.data.missedCheckpoints[0].code)
          .filter((code) => code !== 'CP-3'), // a very slow machine may reach the next gap before completing
      ).toEqual(['CP-1', 'CP-2']);
    }
    await flush(otherSupS);
    expect(receivedOf(otherSupS, 'patrol_timeout_cleared')).toEqual([]);
  });

  it('a phone clock running ahead does not push the next deadline out', async () => {
    const { s, run } = await startRun(600, 20); // gap 10 s
    const gapMs = 20 * MINUTE_MS;
    const ahead = new Date(Date.now() + 60_000).toISOString(); // allowed: less than 2 min in the future
    const before = Date.now();
    await command(s, 'scan_checkpoint', { patrolRunId: run.id, checkpointCode: 'CP-1', recordedAt: ahead });
    const after = Date.now();
    const [timer] = (await t.db.query(`SELECT due_at FROM timers WHERE ref = $1 AND kind = 'patrol.gap'`, [
      run.id,
    ])) as { due_at: Date }[];
    // measured from the server receive time, not from the device's future time
    expect(timer.due_at.getTime()).toBeGreaterThanOrEqual(before + gapMs - 5);
    expect(timer.due_at.getTime()).toBeLessThanOrEqual(after + gapMs);
    const [scan] = (await t.db.query('SELECT recorded_at FROM patrol_scans WHERE run_id = $1', [run.id])) as {
      recorded_at: Date;
    }[];
    expect(scan.recorded_at.toISOString()).toBe(ahead); // the device time itself is kept as sent
    await command(s, 'complete_patrol', { patrolRunId: run.id });
    await flush(supS);
    expect(timeoutsOf(supS, run.id)).toEqual([]);
  });
});
