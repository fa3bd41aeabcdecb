import request from 'supertest';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, type TestApp, type TestUser } from '../support/test-app.js';

/** Checkpoint n of a test site: about 111 m apart along a meridian from the site centre. */
export const cpLocation = (n: number, dLat = 0) => ({ lat: 52.52 + n * 0.001 + dLat, lng: 13.405 });

export const api = (t: TestApp, user: Pick<TestUser, 'token'>) => ({
  get: (path: string) =>
    request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${user.token}`),
  post: (path: string, body: object) =>
    request(t.baseUrl).post(`/api/v1${path}`).set('Authorization', `Bearer ${user.token}`).send(body),
});

/** Creates `count` checkpoints (codes `<prefix>-1`...) over REST and returns them in order. */
export async function createCheckpoints(
  t: TestApp,
  staff: TestUser,
  siteId: string,
  count: number,
  prefix = 'CP',
): Promise<{ id: string; code: string; name: string }[]> {
  const out = [];
  for (let n = 1; n <= count; n++) {
    const res = await api(t, staff).post(`/sites/${siteId}/checkpoints`, {
      name: `Checkpoint ${n}`,
      code: `${prefix}-${n}`,
      location: cpLocation(n),
    });
    if (res.status !== 201) throw new Error(`checkpoint: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(res.body as { id: string; code: string; name: string });
  }
  return out;
}

export async function createRoute(
  t: TestApp,
  staff: TestUser,
  body: { siteId: string; checkpointIds: string[]; expectedDurationMinutes: number; maxGapMinutes: number },
): Promise<{ id: string }> {
  const res = await api(t, staff).post('/patrol-routes', { name: 'Route', ...body });
  if (res.status !== 201) throw new Error(`route: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Clocks a guard in directly (the attendance feature owns shift_start). */
export async function startShift(t: TestApp, guardId: string, siteId: string): Promise<void> {
  await t.db.query('INSERT INTO shifts (guard_id, site_id, started_at) VALUES ($1, $2, now())', [
    guardId,
    siteId,
  ]);
}

/**
 * A new guard clocked in at the site, its socket (opened by `open`), and a run it started of a
 * fresh route over `checkpoints`.
 */
export async function startGuardRun(
  t: TestApp,
  site: { siteId: string; staff: TestUser; checkpoints: { id: string }[] },
  open: (u: TestUser) => Promise<TestSocket>,
  settings: { expectedDurationMinutes: number; maxGapMinutes: number },
) {
  const guard = await createUser(t, 'guard', [site.siteId]);
  await startShift(t, guard.id, site.siteId);
  const route = await createRoute(t, site.staff, {
    siteId: site.siteId,
    checkpointIds: site.checkpoints.map((c) => c.id),
    ...settings,
  });
  const s = await open(guard);
  const ack = await command(s, 'start_patrol', { routeId: route.id });
  expect(ack.ok).toBe(true);
  return { s, guard, route, run: ack.data.patrolRun as { id: string; startedAt: string } };
}

/**
 * A site with a supervisor and `count` checkpoints; `open` connects a user's socket and keeps it
 * in `sockets`, for the suite to close.
 */
export async function siteWithCheckpoints(t: TestApp, name: string, count: number, sockets: TestSocket[]) {
  const siteId = await createSite(t, name);
  const sup = await createUser(t, 'supervisor', [siteId]);
  const cps = await createCheckpoints(t, sup, siteId, count);
  const open = async (u: TestUser) => {
    const s = await connect(t.baseUrl, { token: u.token });
    sockets.push(s);
    return s;
  };
  return { siteId, sup, cps, open };
}
