import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HERE } from '../panic/panic-fixtures.js';
import { pollUntil } from '../support/poll.js';
import { refusableDatabase, type RefusableDatabase } from '../support/refusable-database.js';
import { retryUntil } from '../support/retry.js';
import { command, connect, rawCommand, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const UNAVAILABLE = { ok: false, error: expect.objectContaining({ code: 'UNAVAILABLE', retryable: true }) };

/**
 * PostgreSQL refusing every new connection of the server's role (CONNECTION LIMIT 0 and its
 * backends terminated: SQLSTATE 53300, "too many connections for role"): every command and REST
 * call answers UNAVAILABLE / 503, the outage's audit rows are kept, and a retry applies once.
 */
describe('PostgreSQL refusing connections (SQLSTATE 53300)', () => {
  let db: RefusableDatabase;
  let t: TestApp;
  let site: string;
  let guard: TestUser;
  let admin: TestUser;
  let g: TestSocket;
  let sup: TestSocket;

  beforeAll(async () => {
    db = await refusableDatabase();
    t = await startTestApp({ COMMAND_TIMEOUT_MS: '1500', AUDIT_BUFFER_MAX: '100' }, db.url);
    admin = await createUser(t, 'admin');
    site = await createSite(t);
    guard = await createUser(t, 'guard', [site]);
    [g, sup] = await Promise.all([
      connect(t.baseUrl, { token: guard.token }),
      connect(t.baseUrl, { token: (await createUser(t, 'supervisor', [site])).token }),
    ]);
  });
  afterAll(async () => {
    g?.close();
    sup?.close();
    await db?.allow();
    await t?.close();
    await db?.drop();
  });

  const count = async (sql: string, params: unknown[]) =>
    Number(((await t.db.query(sql, params)) as { n: string }[])[0].n);

  it('answers UNAVAILABLE (retryable) and 503 while refused, keeps its audit rows, applies a retry once', async () => {
    await db.refuse();
    await pollUntil(async () => (await db.backendPids()).length === 0);

    // More audit rows than the buffer holds (100 here): the oldest are dropped and counted.
    const unknown = await Promise.all(
      Array.from({ length: 150 }, () => rawCommand(g, 'no_such_command', {})),
    );
    expect(new Set(unknown.map((a) => a.error.code))).toEqual(new Set(['UNKNOWN_EVENT']));

    const key = randomUUID();
    expect(await command(g, 'panic_alert', { location: HERE, clientEventId: key })).toEqual(UNAVAILABLE);
    const incident = { siteId: site, type: 'INTRUSION', priority: 'HIGH', title: 'Gate 3' } as const;
    expect(await command(g, 'create_incident', incident)).toEqual(UNAVAILABLE);
    expect(await command(sup, 'sync', { cursors: { [`site:${site}:staff`]: 0 } })).toEqual(UNAVAILABLE);
    const login = await request(t.baseUrl)
      .post('/api/v1/auth/login')
      .send({ email: guard.email, password: guard.password });
    expect(login.status).toBe(503);
    expect(login.body).toEqual({ statusCode: 503, code: 'UNAVAILABLE', message: expect.any(String) });
    expect(g.socket.connected).toBe(true);

    await db.allow();
    const first = await retryUntil(
      () => command(g, 'panic_alert', { location: HERE, clientEventId: key }),
      (r) => r.ok,
    );
    const again = await command(g, 'panic_alert', { location: HERE, clientEventId: key });
    expect(again.data).toEqual(first.data);
    expect(await count('SELECT count(*) AS n FROM panics WHERE guard_id = $1', [guard.id])).toBe(1);

    // The refused commands' audit rows were kept while the database refused, and written after.
    await pollUntil(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM audit_log WHERE user_id = $1 AND code = 'UNAVAILABLE'
             AND event IN ('panic_alert', 'create_incident')`,
          [guard.id],
        )) === 2,
    );
    const metrics = await request(t.baseUrl)
      .get('/api/v1/metrics')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(metrics.body.audit).toEqual(
      expect.objectContaining({ capacity: 100, buffered: expect.any(Number) }),
    );
    expect(metrics.body.audit.dropped).toBeGreaterThanOrEqual(50);
  });
});
