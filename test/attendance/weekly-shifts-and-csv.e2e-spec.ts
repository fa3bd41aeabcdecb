import request from 'supertest';
import { connect, waitFor } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

describe('weekly shift patterns and the attendance CSV export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TIMER_POLL_MS: '100', SHIFT_NO_SHOW_GRACE_S: '1' });
  });
  afterAll(() => t.close());

  it('plans a weekly pattern in site-local time, skipping what overlaps, each with its shift_scheduled event', async () => {
    const site = await createSite(t, 'Weekly site');
    await t.db.query(`UPDATE sites SET timezone = 'Europe/Berlin' WHERE id = $1`, [site]);
    const sup = await createUser(t, 'supervisor', [site]);
    const guard = await createUser(t, 'guard', [site], { name: 'Wendy Weekly' });
    const g = await connect(t.baseUrl, { token: guard.token });
    const post = (body: object) =>
      request(t.baseUrl).post('/api/v1/shifts/weekly').set('authorization', `Bearer ${sup.token}`).send(body);
    try {
      const existing = await request(t.baseUrl)
        .post('/api/v1/shifts')
        .set('authorization', `Bearer ${sup.token}`)
        .send({
          guardId: guard.id,
          siteId: site,
          startsAt: '2027-01-13T06:00:00Z',
          endsAt: '2027-01-13T10:00:00Z',
        })
        .expect(201);
      const res = await post({
        guardId: guard.id,
        siteId: site,
        weekdays: [1, 3, 5],
        startTime: '08:00',
        durationMinutes: 480,
        fromDate: '2027-01-11', // a Monday; Berlin is UTC+1 in January
        weeks: 1,
      }).expect(201);
      expect(res.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual([
        '2027-01-11T07:00:00.000Z',
        '2027-01-15T07:00:00.000Z',
      ]);
      expect(res.body.skipped).toEqual([
        {
          startsAt: '2027-01-13T07:00:00.000Z',
          endsAt: '2027-01-13T15:00:00.000Z',
          scheduledShiftId: existing.body.id,
        },
      ]);
      await waitFor(g, 'shift_scheduled', (e) => e.data.scheduledShift.id === res.body.created[1].id);
      const bad = await post({
        guardId: guard.id,
        siteId: site,
        weekdays: [8],
        startTime: '25:00',
        durationMinutes: 5,
        fromDate: 'soon',
        weeks: 0,
      }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'durationMinutes',
        'fromDate',
        'startTime',
        'weekdays',
        'weeks',
      ]);
      const notAssigned = await createUser(t, 'guard');
      await post({
        guardId: notAssigned.id,
        siteId: site,
        weekdays: [1],
        startTime: '08:00',
        durationMinutes: 60,
        fromDate: '2027-02-01',
        weeks: 2,
      }).expect(400);
      expect(
        (
          await t.db.query('SELECT count(*)::int AS n FROM scheduled_shifts WHERE guard_id = $1', [
            notAssigned.id,
          ])
        )[0].n,
      ).toBe(0);
    } finally {
      g.close();
    }
  });

  it('exports the attendance report as CSV with guard names, no-shows and unplanned clock-ins', async () => {
    const site = await createSite(t, 'Export site');
    const sup = await createUser(t, 'supervisor', [site]);
    const guard = await createUser(t, 'guard', [site], { name: 'Nora, "No-Show"' });
    const start = new Date(Date.now() - 3 * 3_600_000);
    await request(t.baseUrl)
      .post('/api/v1/shifts')
      .set('authorization', `Bearer ${sup.token}`)
      .send({
        guardId: guard.id,
        siteId: site,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      })
      .expect(201);
    const res = await request(t.baseUrl)
      .get(`/api/v1/attendance/export.csv?siteId=${site}`)
      .set('authorization', `Bearer ${sup.token}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="attendance-.*\.csv"$/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'guard,guardId,status,scheduledStart,scheduledEnd,actualStart,actualEnd,lateMinutes,earlyLeaveMinutes,workedMinutes',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^"Nora, ""No-Show""",${guard.id},NO_SHOW,${start.toISOString()},`));
    const other = await createUser(t, 'supervisor');
    await request(t.baseUrl)
      .get(`/api/v1/attendance/export.csv?siteId=${site}`)
      .set('authorization', `Bearer ${other.token}`)
      .expect(404);
  });
});
