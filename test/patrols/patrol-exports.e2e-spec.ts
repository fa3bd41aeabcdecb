import { command, type TestSocket } from '../support/sockets.js';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { api, cpLocation, siteWithCheckpoints, startGuardRun } from './patrol-fixtures.js';

describe('patrol exports: runs as CSV, the checkpoint QR sheet', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('exports the runs the caller may see as CSV, with guard names and progress, filtered by time', async () => {
    const site = await siteWithCheckpoints(t, 'Export patrols', 3, sockets);
    const { s, guard, run } = await startGuardRun(
      t,
      { siteId: site.siteId, staff: site.sup, checkpoints: site.cps },
      site.open,
      { expectedDurationMinutes: 60, maxGapMinutes: 30 },
    );
    const scan = await command(s, 'scan_checkpoint', {
      patrolRunId: run.id,
      checkpointCode: site.cps[0].code,
      location: cpLocation(1),
    });
    expect(scan.data.result).toBe('VALID');
    const res = await api(t, site.sup).get(`/patrol-runs/export.csv?siteId=${site.siteId}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'runId,route,siteId,guard,guardId,status,startedAt,completedAt,endedBy,scanned,checkpoints,skipped,overdue',
    );
    expect(lines.slice(1)).toEqual([
      `${run.id},Route,${site.siteId},${guard.name},${guard.id},IN_PROGRESS,${run.startedAt},,,1,3,,false`,
    ]);
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await api(t, site.sup).get(`/patrol-runs/export.csv?siteId=${site.siteId}&from=${later}`);
    expect(none.text.trimEnd().split('\r\n')).toHaveLength(1);
    const outsider = await createUser(t, 'supervisor');
    await api(t, outsider).get(`/patrol-runs/export.csv?siteId=${site.siteId}`).expect(404);
    const bad = await api(t, site.sup)
      .get(`/patrol-runs/export.csv?from=${later}&to=${run.startedAt}`)
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it("prints the route's checkpoint QR codes in walking order as an SVG sheet, for the site's staff", async () => {
    const site = await siteWithCheckpoints(t, 'QR patrols', 4, sockets);
    const route = await api(t, site.sup)
      .post('/patrol-routes', {
        name: 'Night round',
        siteId: site.siteId,
        checkpointIds: [site.cps[2].id, site.cps[0].id, site.cps[3].id, site.cps[1].id],
        expectedDurationMinutes: 30,
        maxGapMinutes: 10,
      })
      .expect(201);
    const res = await api(t, site.sup).get(`/patrol-routes/${route.body.id}/qr-sheet.svg`).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = Buffer.from(res.body as Buffer).toString('utf8');
    expect(svg).toContain('Night round: checkpoint QR codes');
    expect([...svg.matchAll(/>(\d)\. Checkpoint (\d)</g)].map((m) => `${m[1]}:${m[2]}`)).toEqual([
      '1:3',
      '2:1',
      '3:4',
      '4:2',
    ]);
    expect((svg.match(/<svg x=/g) ?? []).length).toBe(4);
    const guard = await createUser(t, 'guard', [site.siteId]);
    await api(t, guard).get(`/patrol-routes/${route.body.id}/qr-sheet.svg`).expect(403);
    const outsider = await createUser(t, 'supervisor');
    await api(t, outsider).get(`/patrol-routes/${route.body.id}/qr-sheet.svg`).expect(404);
  });
});
