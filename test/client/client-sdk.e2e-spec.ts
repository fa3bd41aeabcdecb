import request from 'supertest';
import {
  ClientError,
  MemoryCursorStore,
  PatrolShieldClient,
  type Envelope,
  type PatrolShieldClientOptions,
} from '../../libs/client/src/index.js';
import {
  createSite,
  createUser,
  startTestApp,
  tokenFor,
  type TestApp,
  type TestUser,
} from '../support/test-app.js';
import { pollUntil } from '../support/poll.js';

/** The SDK against the real server: acks, durable events, sync, offline queue, session rules. */
describe('client SDK', () => {
  let t: TestApp;
  let siteId: string;
  let guard: TestUser;
  let staff: TestUser;
  const clients: PatrolShieldClient[] = [];

  const client = (user: TestUser, more: Partial<PatrolShieldClientOptions> = {}) => {
    const c = new PatrolShieldClient({
      url: t.baseUrl,
      getToken: () => user.token,
      backoff: { baseMs: 50, maxMs: 500 },
      socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200 },
      ...more,
    });
    clients.push(c);
    return c;
  };
  const incident = (title: string) => ({ siteId, type: 'OTHER', priority: 'LOW', title }) as const;
  /** Collects durable events of a type in delivery order. */
  const collect = (c: PatrolShieldClient, type: string) => {
    const seen: Envelope[] = [];
    c.on('event', (e) => {
      if (e.type === type) seen.push(e);
    });
    return seen;
  };
  const until = (cond: () => boolean, timeoutMs = 10_000) => pollUntil(cond, timeoutMs);

  /**
   * Connects `user`, then drops the transport; socket.io reconnects by itself but the handshake
   * waits in getToken until `reconnect()` is called, so the test decides how long it is offline.
   */
  const offlineClient = async (user: TestUser, more: Partial<PatrolShieldClientOptions> = {}) => {
    let gate = Promise.resolve();
    const c = client(user, {
      ...more,
      getToken: async () => {
        await gate;
        return user.token;
      },
    });
    await c.connect();
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    const down = c.waitFor('disconnected');
    c.socket.io.engine.close();
    await down;
    return { c, reconnect: () => open() };
  };

  /** Locks an incident's row in another transaction until the returned function commits it. */
  const holdIncident = async (id: string) => {
    const blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [id]);
    return async () => {
      await blocker.commitTransaction();
      await blocker.release();
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ SESSION_EXPIRING_LEAD_S: '60' });
    siteId = await createSite(t, 'SDK site');
    guard = await createUser(t, 'guard', [siteId]);
    staff = await createUser(t, 'supervisor', [siteId]);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => t.close());

  it('sends typed commands, answers acks, and refuses unknown events without retrying', async () => {
    const g = client(guard);
    const session = await g.connect();
    expect(session.userId).toBe(guard.id);
    const { streams } = await g.command('sync', { cursors: {} });
    expect(Object.keys(streams)).toContain(`user:${guard.id}`);
    const emitted: string[] = [];
    g.socket.onAnyOutgoing((event: string) => emitted.push(event));
    const err = await g.command('nope' as never, {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('UNKNOWN_EVENT');
    expect(emitted).toEqual(['nope']);
    const bad = await g.command('join_site', { siteId: 'not-a-uuid' }).catch((e: unknown) => e);
    expect((bad as ClientError).code).toBe('VALIDATION_FAILED');
  });

  it('retries a command whose ack timed out with the same clientEventId, and the server applies it once', async () => {
    const s = client(staff, { ackTimeoutMs: 300 });
    await s.connect();
    const { incident: created } = await s.command('create_incident', incident('Updated once'));
    const attempts: { clientEventId: string }[] = [];
    s.socket.onAnyOutgoing((event: string, payload: { clientEventId: string }) => {
      if (event === 'update_incident') attempts.push(payload);
    });
    // The incident's row is held: the first attempt outlives its ack timeout.
    const release = await holdIncident(created.id);
    const updated = s.command('update_incident', { incidentId: created.id, note: 'applied once' });
    await until(() => attempts.length >= 2);
    await release();
    const { incident: after } = await updated;
    expect(after.id).toBe(created.id);
    expect(new Set(attempts.map((a) => a.clientEventId)).size).toBe(1);
    const notes = (await t.db.query(
      'SELECT count(*)::int AS n FROM incident_history WHERE incident_id = $1 AND note = $2',
      [created.id, 'applied once'],
    )) as { n: number }[];
    expect(notes[0].n).toBe(1);
  });

  it('answers ACK_TIMEOUT after the last attempt, and QUEUE_FULL when the offline queue has no room', async () => {
    const s = client(staff);
    await s.connect();
    const { incident: held } = await s.command('create_incident', incident('Held'));
    const release = await holdIncident(held.id);
    const late = await s
      .command('update_incident', { incidentId: held.id, note: 'late' }, { timeoutMs: 100, maxAttempts: 1 })
      .catch((e: unknown) => e);
    await release();
    expect((late as ClientError).code).toBe('ACK_TIMEOUT');
    const { c: g } = await offlineClient(guard, { offlineQueue: { max: 2 } });
    const kept = [
      g.command('create_incident', incident('kept 1')),
      g.command('create_incident', incident('kept 2')),
    ];
    const refused = await g.command('create_incident', incident('no room')).catch((e: unknown) => e);
    expect((refused as { code: string }).code).toBe('QUEUE_FULL');
    expect(g.queued).toBe(2);
    g.close();
    await Promise.allSettled(kept);
  });

  it('confirms receipt of a panic broadcast by itself: the guard hears who got it', async () => {
    const s = client(staff);
    await s.connect();
    const raiser = await createUser(t, 'guard', [siteId]);
    const g = client(raiser);
    await g.connect();
    const delivered = g.waitFor('event', (e) => e.type === 'panic_delivery');
    const { panicId } = await g.command('panic_alert', { location: { lat: 52.37, lng: 4.89 } });
    const receipt = (await delivered).data as { panicId: string; confirmedBy: number };
    expect(receipt.panicId).toBe(panicId);
    expect(receipt.confirmedBy).toBeGreaterThanOrEqual(1);
  });

  it('delivers an event published on two streams once (staff stream and the reporter)', async () => {
    const s = client(staff);
    await s.connect();
    const created = collect(s, 'incident_created');
    const ack = await s.command('create_incident', incident('Reported by staff'));
    await until(() => created.length >= 1);
    await s.command('sync', { cursors: s.cursors }); // a round trip: anything else would have arrived
    await s.sync();
    expect(created.map((e) => (e.data as any).incident.id)).toEqual([ack.incident.id]);
    expect(s.cursors[`site:${siteId}:staff`]).toBeGreaterThan(0);
    expect(s.cursors[`user:${staff.id}`]).toBeGreaterThan(0);
  });

  it('catches up with sync from stored cursors: every missed event once, in seq order', async () => {
    const store = new MemoryCursorStore();
    const first = client(staff, { cursorStore: store });
    await first.connect();
    first.close();
    const g = client(guard);
    await g.connect();
    const titles = ['missed 1', 'missed 2', 'missed 3'];
    for (const title of titles) await g.command('create_incident', incident(title));
    const again = client(staff, { cursorStore: store });
    const created = collect(again, 'incident_created');
    await again.connect();
    expect(created.map((e) => (e.data as any).incident.title)).toEqual(titles);
    const seqs = created.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('queues field actions while offline and sends them in order, with device time, on reconnect', async () => {
    const s = client(staff);
    await s.connect();
    const created = collect(s, 'incident_created');
    const { c: g, reconnect } = await offlineClient(guard);
    const sent = ['offline A', 'offline B', 'offline C'].map((title) =>
      g.command('create_incident', incident(title)),
    );
    expect(g.queued).toBe(3);
    // Reported online while the guard's three wait: stored before them, made after them.
    const online = await s.command('create_incident', incident('online meanwhile'));
    reconnect();
    const acks = await Promise.all(sent);
    expect(acks.map((a) => a.incident.title)).toEqual(['offline A', 'offline B', 'offline C']);
    const byTitle = (title: string) => created.find((e) => (e.data as any).incident.title === title);
    const staffStream = `site:${siteId}:staff`;
    await until(
      () => created.filter((e) => (e.data as any).incident.title.startsWith('offline')).length === 3,
    );
    const offline = created.filter((e) => (e.data as any).incident.title.startsWith('offline'));
    expect(offline.map((e) => (e.data as any).incident.title)).toEqual([
      'offline A',
      'offline B',
      'offline C',
    ]);
    const meanwhile = byTitle(online.incident.title)!;
    // The device time is when it was queued, not when it reached the server.
    expect([meanwhile, ...offline].map((e) => e.stream)).toEqual(Array(4).fill(staffStream));
    for (const e of offline) {
      expect(e.seq).toBeGreaterThan(meanwhile.seq);
      expect(Date.parse(e.occurredAt)).toBeLessThanOrEqual(Date.parse(meanwhile.occurredAt));
    }
  });

  it('sends a panic queued offline first, ahead of the actions queued before it', async () => {
    const panicky = await createUser(t, 'guard', [siteId]);
    const { c: g, reconnect } = await offlineClient(panicky);
    const emitted: string[] = [];
    g.socket.onAnyOutgoing((event: string) => {
      if (event !== 'sync') emitted.push(event);
    });
    const before = [g.command('create_incident', incident('queued before the panic'))];
    before.push(g.command('create_incident', incident('also before the panic')));
    const panic = g.command('panic_alert', { location: { lat: 52.37, lng: 4.89 } });
    reconnect();
    const [raised] = await Promise.all([panic, ...before]);
    expect(raised.duplicate).toBe(false);
    expect(emitted[0]).toBe('panic_alert');
    expect(emitted.filter((e) => e === 'create_incident')).toHaveLength(2);
  });

  it('holds a panic behind the shift_start queued before it: a guard of two sites panics at the shift site', async () => {
    const otherSite = await createSite(t, 'SDK second site');
    const twoSites = await createUser(t, 'guard', [otherSite, siteId]);
    const { c: g, reconnect } = await offlineClient(twoSites);
    const shift = g.command('shift_start', { siteId });
    const panic = g.command('panic_alert', { location: { lat: 52.37, lng: 4.89 } });
    reconnect();
    const [started, raised] = await Promise.all([shift, panic]);
    expect(started.shift.siteId).toBe(siteId);
    const res = await request(t.baseUrl)
      .get(`/api/v1/panics/${raised.panicId}`)
      .auth(staff.token, { type: 'bearer' })
      .expect(200);
    expect(res.body.siteId).toBe(siteId);
    await g.command('shift_end', {});
  });

  it('refreshes the token on session_expiring through getToken', async () => {
    let calls = 0;
    // The first token would end the session in 30 s; the refresh brings one of an hour.
    const g = client(guard, { getToken: () => tokenFor(t, guard, ++calls === 1 ? 30 : 3600) });
    const refreshed = g.waitFor('refreshed');
    await g.connect();
    const { expiresAt } = await refreshed;
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(calls).toBe(2);
    await g.command('sync', { cursors: {} });
    expect(g.ready).toBe(true);
  });

  it('after session_expired gets a fresh token and reconnects', async () => {
    let calls = 0;
    // Handshake and refresh both get 2-second tokens; the reconnect gets a long one.
    const g = client(guard, { getToken: () => tokenFor(t, guard, ++calls <= 2 ? 2 : 3600) });
    let readies = 0;
    g.on('ready', () => readies++);
    await g.connect();
    await g.waitFor('session_expired');
    await until(() => readies === 2, 15_000);
    expect(calls).toBeGreaterThanOrEqual(3);
    await g.command('sync', { cursors: {} });
  }, 30_000);

  it('does not reconnect after session_revoked and tells the application', async () => {
    const admin = await createUser(t, 'admin');
    const victim = await createUser(t, 'guard', [siteId]);
    const g = client(victim);
    await g.connect();
    const revoked = g.waitFor('revoked');
    await request(t.baseUrl)
      .patch(`/api/v1/users/${victim.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    await revoked;
    await until(() => !g.socket.connected);
    // socket.io's Manager reads its own flag: had it stayed on, a transport that dropped before
    // the server's disconnect arrived would have been reconnected (and refused) by socket.io itself.
    expect(g.socket.io.reconnection()).toBe(false);
    // `active` false means socket.io-client has given up: no reconnection is scheduled at all.
    expect(g.socket.active).toBe(false);
    const err = await g.command('shift_start', { siteId }).catch((e: unknown) => e);
    expect((err as ClientError).code).toBe('REVOKED');
  });
});
