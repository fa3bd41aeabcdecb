import { redisAvailable, useTwoNodes } from '../support/cluster.js';
import { pollUntil } from '../support/poll.js';
import { command, waitFor } from '../support/sockets.js';
import { HERE, NOTIFY_ENV, rest, signatureValid } from './notify-fixtures.js';
import { httpReceiver, statusesPerDelivery } from './receivers.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

suite('webhook deliveries across two nodes', () => {
  const cluster = useTwoNodes({ ...NOTIFY_ENV, NOTIFY_POLL_MS: '50' });

  it('makes every attempt once although both nodes poll the same rows', async () => {
    const receiver = await httpReceiver(statusesPerDelivery(500, 204));
    try {
      const site = await cluster.db.site('Cluster site');
      const admin = await cluster.db.user('admin');
      const secrets = new Map<string, string>();
      const CHANNELS = 4;
      for (let i = 0; i < CHANNELS; i++) {
        const res = await rest(cluster.a.url, admin.token).post('/notification-channels', {
          name: `hook ${i}`,
          kind: 'webhook',
          target: `${receiver.url}/c${i}`,
          siteIds: [site],
          events: ['panic_alert'],
        });
        expect(res.status).toBe(201);
        secrets.set(`/c${i}`, res.body.secret);
      }
      const PANICS = 6;
      for (let i = 0; i < PANICS; i++) {
        const guard = await cluster.db.user('guard', [site]);
        const s = await cluster.open(i % 2 ? cluster.b : cluster.a, guard.token);
        expect((await command(s, 'panic_alert', { location: HERE })).ok).toBe(true);
      }
      const deliveries = CHANNELS * PANICS;
      await pollUntil(() => receiver.requests.length >= 2 * deliveries || undefined, 30_000);
      const rows = await pollUntil(async () => {
        const r = await cluster.db.query<{ status: string; attempts: number }>(
          'SELECT status, attempts FROM notification_deliveries',
        );
        return r.length === deliveries && r.every((d) => d.status === 'delivered') ? r : undefined;
      }, 30_000);
      expect(rows.every((d) => d.attempts === 2)).toBe(true);

      const perDelivery = new Map<string, number>();
      for (const r of receiver.requests) {
        const id = String(r.headers['x-patrolshield-delivery']);
        perDelivery.set(id, (perDelivery.get(id) ?? 0) + 1);
        expect(signatureValid(r.body, r.headers['x-patrolshield-signature'], secrets.get(r.path)!)).toBe(
          true,
        );
      }
      expect(perDelivery.size).toBe(deliveries);
      expect([...perDelivery.values()].every((n) => n === 2)).toBe(true);
      expect(receiver.requests).toHaveLength(2 * deliveries);
      const attempts = await cluster.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notification_attempts',
      );
      expect(attempts[0].n).toBe(2 * deliveries);
    } finally {
      await receiver.close();
    }
  });

  it('steps up tracking on the other node too: a panicking guard who reconnects there reports every second', async () => {
    const site = await cluster.db.site('Stepped-up site');
    const guard = await cluster.db.user('guard', [site]);
    const staffOnA = await cluster.open(cluster.a, (await cluster.db.user('supervisor', [site])).token);
    const onA = await cluster.open(cluster.a, guard.token);
    expect((await command(onA, 'shift_start', { siteId: site, location: HERE })).ok).toBe(true);
    const { panicId } = (await command(onA, 'panic_alert', { location: HERE })).data;
    onA.close();
    const onB = await cluster.open(cluster.b, guard.token);
    const ack = await command(onB, 'update_location', { ...HERE });
    expect(ack.data).toMatchObject({ accepted: true, nextIntervalMs: 1000 });
    const update = await waitFor(staffOnA, 'location_update', (d) => d.panicId === panicId);
    expect(update).toMatchObject({ userId: guard.id, location: { lat: HERE.lat, lng: HERE.lng } });
  });
});
