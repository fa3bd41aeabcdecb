import { randomUUID } from 'node:crypto';
import { PlanningBackstop } from '../../libs/notifications/src/index.js';
import { pollUntil } from '../support/poll.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { NOTIFY_ENV, rest } from './notify-fixtures.js';
import { httpReceiver, type HttpReceiver } from './receivers.js';

describe('planning backstop', () => {
  let t: TestApp;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    t = await startTestApp(NOTIFY_ENV);
    receiver = await httpReceiver(() => ({ status: 204 }));
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('plans, from the event log, a safety event whose node died before planning it: once, for channels that existed', async () => {
    const site = await createSite(t, 'Backstop site');
    const admin = await createUser(t, 'admin');
    const api = rest(t.baseUrl, admin.token);
    const hook = (path: string) =>
      api.post('/notification-channels', {
        name: path,
        kind: 'webhook',
        target: `${receiver.url}${path}`,
        siteIds: [site],
        events: ['panic_escalated'],
      });
    expect((await hook('/before')).status).toBe(201);
    // Committed by a node that died before its CQRS handlers ran: stored, never planned.
    const eventId = randomUUID();
    await t.db.query(
      `INSERT INTO stream_events (stream, seq, event_id, type, site_id, actor, data, occurred_at)
        VALUES ($1, 1, $2, 'panic_escalated', $3, $4, $5, now())`,
      [
        `user:${admin.id}`,
        eventId,
        site,
        JSON.stringify({ userId: null, role: 'system', name: 'PatrolShield' }),
        JSON.stringify({
          panic: { id: randomUUID(), escalationLevel: 2 },
          level: 2,
          reason: 'NOT_ACKNOWLEDGED',
        }),
      ],
    );
    expect((await hook('/after')).status).toBe(201);

    const backstop = t.app.get(PlanningBackstop);
    expect(await backstop.sweep()).toBe(0); // younger than the grace period: the fast path's
    const later = Date.now() + 31_000;
    expect(await backstop.sweep(later)).toBe(1);
    expect(await backstop.sweep(later)).toBe(0); // once, whoever sweeps
    const delivered = await receiver.nth(1);
    expect(delivered.path).toBe('/before');
    expect(delivered.headers['x-patrolshield-event']).toBe('panic_escalated');
    expect(JSON.parse(delivered.body.toString()).id).toBe(eventId);
    await pollUntil(async () => {
      const res = await api.get(`/notification-deliveries?eventId=${eventId}`);
      return res.body.items?.[0]?.status === 'delivered';
    });
    expect(receiver.requests).toHaveLength(1);
  });
});
