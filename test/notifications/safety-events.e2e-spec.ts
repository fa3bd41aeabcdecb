import { pollUntil } from '../support/poll.js';
import { command, connect } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { guardOnShift, HERE, NOTIFY_ENV, rest, signatureValid } from './notify-fixtures.js';
import { httpReceiver, type HttpReceiver } from './receivers.js';

/**
 * The events timers, watchers and the receipt check publish (not commands) reach channels too:
 * panic_escalated (no staff confirmed), guard_stale, site_unwatched.
 */
describe('channels hear the safety events of timers and watchers', () => {
  let t: TestApp;
  let site: string;
  let admin: TestUser;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    t = await startTestApp({ ...NOTIFY_ENV, GUARD_STALE_AFTER_S: '2', SITE_UNWATCHED_AFTER_S: '1' });
    site = await createSite(t, 'Night site');
    admin = await createUser(t, 'admin');
    receiver = await httpReceiver(() => ({ status: 200 }));
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  const arrived = (type: string) =>
    pollUntil(() => receiver.requests.find((r) => r.headers['x-patrolshield-event'] === type), 30_000);

  it('delivers panic_escalated at its level, guard_stale and site_unwatched, and skips below minLevel', async () => {
    const created = await rest(t.baseUrl, admin.token).post('/notification-channels', {
      name: 'Night desk',
      kind: 'webhook',
      target: receiver.url,
      siteIds: [site],
      events: ['panic_alert', 'panic_escalated', 'guard_stale', 'site_unwatched'],
      minLevel: 2,
    });
    expect(created.status).toBe(201);
    const guard = await createUser(t, 'guard', [site]);
    const onShift = await guardOnShift(t, guard, site); // sends no fix: goes stale
    const raiser = await connect(t.baseUrl, { token: (await createUser(t, 'guard', [site])).token });
    const { panicId } = (await command(raiser, 'panic_alert', { location: HERE })).data;

    const [escalated, stale, unwatched] = await Promise.all([
      arrived('panic_escalated'),
      arrived('guard_stale'),
      arrived('site_unwatched'),
    ]);
    for (const r of [escalated, stale, unwatched])
      expect(signatureValid(r.body, r.headers['x-patrolshield-signature'], created.body.secret)).toBe(true);
    expect(JSON.parse(escalated.body.toString())).toMatchObject({
      type: 'panic_escalated',
      data: { level: 2, reason: 'NO_RECEIPT', panic: { id: panicId } },
    });
    expect(JSON.parse(stale.body.toString())).toMatchObject({
      type: 'guard_stale',
      data: { userId: guard.id },
    });
    expect(JSON.parse(unwatched.body.toString())).toMatchObject({ type: 'site_unwatched', siteId: site });
    // panic_alert is level 1, below the channel's minimum level: never sent.
    expect(receiver.requests.filter((r) => r.headers['x-patrolshield-event'] === 'panic_alert')).toHaveLength(
      0,
    );
    onShift.close();
    raiser.close();
  });
});
