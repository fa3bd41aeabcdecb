import type { Geofence } from '../../libs/core/src/index.js';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, type TestApp, type TestUser } from '../support/test-app.js';

export const HARBOUR = { lat: 52.52, lng: 13.405 };
/** About 2 km north of the harbour: outside every fence below. */
export const FAR_AWAY = { lat: 52.54, lng: 13.405 };
const POLYGON: Geofence = {
  type: 'Polygon',
  coordinates: [
    [
      [13.41, 52.5],
      [13.42, 52.5],
      [13.42, 52.51],
      [13.41, 52.51],
      [13.41, 52.5],
    ],
  ],
} as Geofence;

/**
 * Sites A (circle) and B (polygon) watched by `supervisor`; site C by another supervisor only.
 * Guards: two of A, one of C.
 */
export async function consoleWorld(t: TestApp) {
  const siteA = await createSite(t, 'Harbour', { center: HARBOUR, radiusM: 400 });
  const siteB = await createSite(t, 'Mall', POLYGON);
  const siteC = await createSite(t, 'Campus', { center: { lat: 52.6, lng: 13.3 }, radiusM: 400 });
  const supervisor = await createUser(t, 'supervisor', [siteA, siteB], { name: 'Sam Supervisor' });
  const otherSupervisor = await createUser(t, 'supervisor', [siteC]);
  const guardA = await createUser(t, 'guard', [siteA], { name: 'Alice Guard' });
  const guardA2 = await createUser(t, 'guard', [siteA], { name: 'Bob Guard' });
  const guardC = await createUser(t, 'guard', [siteC], { name: 'Carol Guard' });
  return { siteA, siteB, siteC, supervisor, otherSupervisor, guardA, guardA2, guardC };
}

/** Connects a guard and clocks in at `siteId`. */
export async function guardOnShift(
  t: TestApp,
  guard: TestUser,
  siteId: string,
  at = HARBOUR,
): Promise<TestSocket> {
  const s = await connect(t.baseUrl, { token: guard.token });
  const ack = await command(s, 'shift_start', { siteId, location: at });
  expect(ack).toMatchObject({ ok: true });
  return s;
}
