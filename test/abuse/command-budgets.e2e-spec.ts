import request from 'supertest';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

/** Issue 23: REST commands have a per-user budget like socket commands; socket budgets are per socket. */
describe('abuse: command budgets', () => {
  let t: TestApp;
  let site: string;
  beforeAll(async () => {
    t = await startTestApp({ REST_COMMANDS_PER_S: '5', WS_COMMANDS_PER_S: '5' });
    site = await createSite(t, 'Budget');
  });
  afterAll(() => t.close());

  const incident = (title: string) => ({ siteId: site, type: 'OTHER', priority: 'LOW', title });
  const storedIncidents = async (userId: string) =>
    Number(
      (
        (await t.db.query('SELECT count(*) AS n FROM incidents WHERE reporter_id = $1', [userId])) as {
          n: string;
        }[]
      )[0].n,
    );

  it('a burst of POST /incidents beyond REST_COMMANDS_PER_S is 429 with Retry-After, by user, nothing stored', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const other = await createUser(t, 'guard', [site]);
    const post = (token: string, i: number) =>
      request(t.baseUrl)
        .post('/api/v1/incidents')
        .auth(token, { type: 'bearer' })
        .send(incident(`burst ${i}`));
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => post(guard.token, i)));
    const created = answers.filter((a) => a.status === 201);
    const limited = answers.filter((a) => a.status === 429);
    expect(created.length + limited.length).toBe(30);
    expect(created.length).toBeGreaterThanOrEqual(5);
    expect(created.length).toBeLessThanOrEqual(10); // 30 in one burst span at most two 1 s windows
    for (const a of limited) {
      expect(a.body).toMatchObject({
        statusCode: 429,
        code: 'RATE_LIMITED',
        details: { retryAfterMs: expect.any(Number) },
      });
      expect(a.body.details.retryAfterMs).toBeLessThanOrEqual(1000);
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(await storedIncidents(guard.id)).toBe(created.length);
    // another user's budget is their own; reads are not commands
    await post(other.token, 0).expect(201);
    await request(t.baseUrl)
      .get(`/api/v1/incidents/${created[0].body.id}`)
      .auth(guard.token, { type: 'bearer' })
      .expect(200);
  });

  it('WS_COMMANDS_PER_S is per socket: a second device of the same guard is not starved by the first', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const first: TestSocket = await connect(t.baseUrl, { token: guard.token });
    const second: TestSocket = await connect(t.baseUrl, { token: guard.token });
    try {
      const burst = await Promise.all(
        Array.from({ length: 12 }, () => command(first, 'sync', { cursors: {} })),
      );
      expect(burst.filter((a) => !a.ok).every((a) => a.error.code === 'RATE_LIMITED')).toBe(true);
      expect(burst.filter((a) => !a.ok).length).toBeGreaterThanOrEqual(2);
      const other = await Promise.all(
        Array.from({ length: 4 }, () => command(second, 'sync', { cursors: {} })),
      );
      expect(other.map((a) => a.ok)).toEqual([true, true, true, true]);
    } finally {
      first.close();
      second.close();
    }
  });

  it("panic_alert is never refused by the socket's budget, even right after a burst used it up", async () => {
    // sent together with the burst, so it lands in the same 1 s window as the refused commands
    const guard = await createUser(t, 'guard', [site]);
    const s: TestSocket = await connect(t.baseUrl, { token: guard.token });
    try {
      const burst = Array.from({ length: 12 }, () => command(s, 'sync', { cursors: {} }));
      const panic = await command(s, 'panic_alert', {
        location: { lat: 52.52, lng: 13.405, accuracy: 5 },
        type: 'MEDICAL',
      });
      expect((await Promise.all(burst)).some((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);
      expect(panic).toEqual({ ok: true, data: { panicId: expect.any(String), duplicate: false } });
    } finally {
      s.close();
    }
  });
});
