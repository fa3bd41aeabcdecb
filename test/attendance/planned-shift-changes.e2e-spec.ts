import request from 'supertest';
import { connect, waitFor } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const HOUR = 3_600_000;

describe('PATCH and DELETE /api/v1/shifts/:id (planned shifts)', () => {
  let t: TestApp;
  let site: string;
  let sup: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ SHIFT_NO_SHOW_GRACE_S: '600' });
    site = await createSite(t, 'Plans');
    sup = await createUser(t, 'supervisor', [site]);
  });
  afterAll(() => t.close());

  const as = (u: TestUser) => ({
    post: (body: object) =>
      request(t.baseUrl).post('/api/v1/shifts').set('authorization', `Bearer ${u.token}`).send(body),
    patch: (id: string, body: object) =>
      request(t.baseUrl).patch(`/api/v1/shifts/${id}`).set('authorization', `Bearer ${u.token}`).send(body),
    del: (id: string) =>
      request(t.baseUrl).delete(`/api/v1/shifts/${id}`).set('authorization', `Bearer ${u.token}`),
  });
  const plan = async (guard: TestUser, startMs: number) =>
    (
      await as(sup)
        .post({
          guardId: guard.id,
          siteId: site,
          startsAt: new Date(startMs).toISOString(),
          endsAt: new Date(startMs + 4 * HOUR).toISOString(),
        })
        .expect(201)
    ).body as { id: string };
  const timerDue = async (id: string) =>
    (
      (await t.db.query(`SELECT due_at FROM timers WHERE kind = 'shift_no_show' AND ref = $1`, [id])) as {
        due_at: Date;
      }[]
    )[0]?.due_at;

  it('moves a plan, its no-show deadline with it, and tells the guard; refuses an overlap', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const g = await connect(t.baseUrl, { token: guard.token });
    try {
      const base = Date.now() + 48 * HOUR;
      const first = await plan(guard, base);
      const second = await plan(guard, base + 24 * HOUR);
      const newStart = new Date(base + 2 * HOUR).toISOString();
      const moved = await as(sup)
        .patch(first.id, { startsAt: newStart, endsAt: new Date(base + 6 * HOUR).toISOString() })
        .expect(200);
      expect(moved.body).toMatchObject({ id: first.id, startsAt: newStart, guardId: guard.id });
      const told = await waitFor(g, 'shift_rescheduled', (e) => e.data.scheduledShift.id === first.id);
      expect(told.data.scheduledShift.startsAt).toBe(newStart);
      expect(new Date(await timerDue(first.id)).getTime()).toBe(base + 2 * HOUR + 600_000);
      const clash = await as(sup)
        .patch(first.id, { endsAt: new Date(base + 25 * HOUR).toISOString() })
        .expect(409);
      expect(clash.body.details).toEqual({ scheduledShiftId: second.id });
      const backwards = await as(sup)
        .patch(first.id, { endsAt: new Date(base).toISOString() })
        .expect(400);
      expect(backwards.body.code).toBe('VALIDATION_FAILED');
    } finally {
      g.close();
    }
  });

  it('withdraws a plan and its deadline; refuses plans already clocked in for, and other sites', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const g = await connect(t.baseUrl, { token: guard.token });
    try {
      const gone = await plan(guard, Date.now() + 72 * HOUR);
      await as(sup).del(gone.id).expect(204);
      const told = await waitFor(g, 'shift_unscheduled', (e) => e.data.scheduledShiftId === gone.id);
      expect(told.data).toEqual({ scheduledShiftId: gone.id, guardId: guard.id, siteId: site });
      expect(await timerDue(gone.id)).toBeUndefined();
      await as(sup).del(gone.id).expect(404);

      const worked = await plan(guard, Date.now() - HOUR);
      await t.db.query(
        'INSERT INTO shifts (guard_id, site_id, started_at, scheduled_shift_id) VALUES ($1, $2, now(), $3)',
        [guard.id, site, worked.id],
      );
      expect((await as(sup).del(worked.id).expect(409)).body.code).toBe('CONFLICT');
      await as(sup).patch(worked.id, { startsAt: new Date().toISOString() }).expect(409);

      const other = await createUser(t, 'supervisor', [await createSite(t, 'Elsewhere')]);
      const mine = await plan(guard, Date.now() + 96 * HOUR);
      await as(other).del(mine.id).expect(404);
      await as(guard).del(mine.id).expect(403);
    } finally {
      g.close();
    }
  });
});
