import { Publisher } from '../../libs/realtime/src/index.js';
import { command, connect, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { pollUntil } from '../support/poll.js';

const GRACE_MS = 1000;

/** presence_changed and get_presence (docs/protocol.md section 4, ephemeral events). */
describe('presence', () => {
  let t: TestApp;
  const open: TestSocket[] = [];

  const sock = async (u: TestUser) => {
    const s = await connect(t.baseUrl, { token: u.token });
    open.push(s);
    return s;
  };
  /** Closes a client socket and resolves once the server has run its disconnect handlers. */
  const closeAndSettle = async (s: TestSocket) => {
    const id = s.socket.id!;
    s.close();
    const sockets = t.app.get(Publisher).io.of('/').sockets;
    await pollUntil(() => !sockets.has(id), 5000, 10);
  };
  const presenceOf = (s: TestSocket, userId: string) =>
    receivedOf(s, 'presence_changed').filter((p) => p.userId === userId);

  beforeAll(async () => {
    t = await startTestApp({ PRESENCE_OFFLINE_GRACE_S: String(GRACE_MS / 1000) });
  }, 30_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  }, 30_000);

  it('a guard coming online is announced to the staff of its sites only', async () => {
    const [A, B] = [await createSite(t, 'A'), await createSite(t, 'B')];
    const sup = await sock(await createUser(t, 'supervisor', [A]));
    const admin = await sock(await createUser(t, 'admin'));
    const otherSite = await sock(await createUser(t, 'manager', [B]));
    const peer = await sock(await createUser(t, 'guard', [A]));
    const guard = await createUser(t, 'guard', [A]);
    await sock(guard);

    for (const s of [sup, admin]) {
      const p = await waitFor(s, 'presence_changed', (d) => d.userId === guard.id);
      expect(p).toEqual({ userId: guard.id, role: 'guard', status: 'online', at: expect.any(String) });
      expect(Math.abs(Date.parse(p.at) - Date.now())).toBeLessThan(5000);
    }
    for (const s of [otherSite, peer]) {
      await flush(s);
      expect(presenceOf(s, guard.id)).toEqual([]);
    }
    // A guard never hears presence at all: it is a staff-only event.
    expect(receivedOf(peer, 'presence_changed')).toEqual([]);
  });

  it('is multi-device aware: offline only after the grace period without any socket', async () => {
    const A = await createSite(t, 'A');
    const sup = await sock(await createUser(t, 'supervisor', [A]));
    const guard = await createUser(t, 'guard', [A]);
    const witness = await createUser(t, 'guard', [A]);

    const phone = await sock(guard);
    await waitFor(sup, 'presence_changed', (d) => d.userId === guard.id && d.status === 'online');
    const tablet = await sock(guard);
    const w = await sock(witness);
    await waitFor(sup, 'presence_changed', (d) => d.userId === witness.id && d.status === 'online');
    await flush(sup);
    expect(presenceOf(sup, guard.id)).toHaveLength(1); // the second device announced nothing

    // Closing one of two sockets says nothing. Proof without sleeping: a witness that disconnects
    // later goes offline later, so once its offline arrived, the guard's would have too.
    await closeAndSettle(phone);
    await closeAndSettle(w);
    await waitFor(sup, 'presence_changed', (d) => d.userId === witness.id && d.status === 'offline');
    await flush(sup);
    expect(presenceOf(sup, guard.id).map((p) => p.status)).toEqual(['online']);

    // Closing the last one: offline, but only after the grace period.
    const closedAt = Date.now();
    await closeAndSettle(tablet);
    const offline = await waitFor(
      sup,
      'presence_changed',
      (d) => d.userId === guard.id && d.status === 'offline',
    );
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(offline).toEqual({ userId: guard.id, role: 'guard', status: 'offline', at: expect.any(String) });
    await flush(sup);
    expect(presenceOf(sup, guard.id).map((p) => p.status)).toEqual(['online', 'offline']);

    // Back online after being offline: announced again.
    await sock(guard);
    await waitFor(
      sup,
      'presence_changed',
      (d) => d.userId === guard.id && d.status === 'online' && d.at !== offline.at,
    );
  }, 20_000);

  it('a reconnect within the grace period emits nothing', async () => {
    const A = await createSite(t, 'A');
    const sup = await sock(await createUser(t, 'supervisor', [A]));
    const guard = await createUser(t, 'guard', [A]);
    const witness = await createUser(t, 'guard', [A]);
    const first = await sock(guard);
    const w = await sock(witness);
    await waitFor(sup, 'presence_changed', (d) => d.userId === guard.id);
    await waitFor(sup, 'presence_changed', (d) => d.userId === witness.id);

    await closeAndSettle(first);
    await sock(guard); // a network blip: back well within the grace period
    await closeAndSettle(w);
    await waitFor(sup, 'presence_changed', (d) => d.userId === witness.id && d.status === 'offline');
    await flush(sup);
    expect(presenceOf(sup, guard.id).map((p) => p.status)).toEqual(['online']);
    const listed = await command(sup, 'get_presence', { siteId: A });
    expect(listed.data.users.find((u: any) => u.userId === guard.id)!.status).toBe('online');
  }, 20_000);

  it('get_presence lists the users of the site with their status', async () => {
    const [A, B] = [await createSite(t, 'A'), await createSite(t, 'B')];
    const sup = await createUser(t, 'supervisor', [A], { name: 'Ann Sup' });
    const online = await createUser(t, 'guard', [A], { name: 'Bob Online' });
    const never = await createUser(t, 'guard', [A], { name: 'Cid Never' });
    const away = await createUser(t, 'guard', [A], { name: 'Dan Away' });
    const elsewhere = await createUser(t, 'guard', [B], { name: 'Eve Elsewhere' });
    const s = await sock(sup);
    await sock(online);
    await sock(elsewhere);
    await closeAndSettle(await sock(away));
    await waitFor(s, 'presence_changed', (d) => d.userId === away.id && d.status === 'offline');

    const ack = await command(s, 'get_presence', { siteId: A });
    expect(ack.ok).toBe(true);
    const byId = new Map((ack.data.users as any[]).map((u) => [u.userId, u]));
    expect([...byId.keys()].sort()).toEqual([sup.id, online.id, never.id, away.id].sort());
    expect(byId.get(sup.id)).toEqual({
      userId: sup.id,
      role: 'supervisor',
      status: 'online',
      since: expect.any(String),
    });
    expect(byId.get(online.id)).toEqual({
      userId: online.id,
      role: 'guard',
      status: 'online',
      since: expect.any(String),
    });
    expect(byId.get(never.id)).toEqual({ userId: never.id, role: 'guard', status: 'offline', since: null });
    expect(byId.get(away.id)).toMatchObject({ status: 'offline', since: expect.any(String) });
  }, 20_000);
});
