import request from 'supertest';
import { HERE } from '../panic/panic-fixtures.js';
import { redisPrefix, startPrivateRedis } from '../support/cluster.js';
import { refusableDatabase, type RefusableDatabase } from '../support/refusable-database.js';
import { retryUntil } from '../support/retry.js';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const TIMEOUT_MS = 1500;
/** What the answer may take beyond COMMAND_TIMEOUT_MS on this shared host (scheduling, the ack's trip). */
const SLACK_MS = 1500;

/** Resolves with the answer and how long it took (ms). */
async function timed<T>(op: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const startedAt = Date.now();
  const answer = await op();
  return { answer, ms: Date.now() - startedAt };
}

/** A handshake's outcome: 'connected', or its connect_error code (socket.io-client's own 'timeout'). */
const handshake = (t: TestApp, token: string) =>
  connect(t.baseUrl, { token }).then(
    (s) => (s.close(), 'connected'),
    (e: Error & { data?: { code?: string } }) => e.data?.code ?? e.message,
  );

const incident = (siteId: string) =>
  ({ siteId, type: 'INTRUSION', priority: 'HIGH', title: 'Gate 3' }) as const;

/**
 * A dependency that hangs (its processes stopped with SIGSTOP, connections left open) gives an
 * answer within COMMAND_TIMEOUT_MS, never silence. Each stopped process is resumed in a finally.
 */
describe('hung PostgreSQL backends', () => {
  let db: RefusableDatabase;
  let t: TestApp;
  let site: string;
  let guard: TestUser;
  let g: TestSocket;

  beforeAll(async () => {
    db = await refusableDatabase();
    t = await startTestApp({ COMMAND_TIMEOUT_MS: String(TIMEOUT_MS) }, db.url);
    site = await createSite(t);
    guard = await createUser(t, 'guard', [site]);
    g = await connect(t.baseUrl, { token: guard.token });
  });
  afterAll(async () => {
    db?.resume();
    g?.close();
    await t?.close();
    await db?.drop();
  });

  it('answers panic_alert, create_incident and new handshakes within the timeout, then recovers', async () => {
    // Backends the pool opens meanwhile are stopped too, so the server cannot dodge the hang.
    const stopper = setInterval(() => void db.hang(), 50);
    try {
      expect((await db.hang()).length).toBeGreaterThan(0);
      const panic = await timed(() => command(g, 'panic_alert', { location: HERE }));
      expect(panic.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(panic.answer.ok || panic.answer.error).toBeTruthy();
      if (!panic.answer.ok)
        expect(panic.answer.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });

      const created = await timed(() => command(g, 'create_incident', incident(site)));
      expect(created.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      if (!created.answer.ok) expect(created.answer.error).toMatchObject({ code: 'UNAVAILABLE' });

      const other = await createUser(t, 'guard', [site]).catch(() => null); // may fail: db hung
      const shake = await timed(() => handshake(t, other?.token ?? guard.token));
      expect(shake.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(['connected', 'UNAVAILABLE']).toContain(shake.answer);
    } finally {
      clearInterval(stopper);
      db.resume();
    }
    const after = await retryUntil(
      () => command(g, 'create_incident', incident(site)),
      (r) => r.ok,
    );
    expect(after.data.incident).toMatchObject({ siteId: site });
  });
});

describe('hung Redis', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let t: TestApp;
  let site: string;
  let guard: TestUser;
  let g: TestSocket;
  let stopped = false;
  const resumeRedis = () => {
    if (stopped) process.kill(redis.pid, 'SIGCONT');
    stopped = false;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({
      COMMAND_TIMEOUT_MS: String(TIMEOUT_MS),
      REDIS_URL: redis.url,
      REDIS_PREFIX: redisPrefix(),
    });
    site = await createSite(t);
    guard = await createUser(t, 'guard', [site]);
    g = await connect(t.baseUrl, { token: guard.token });
  });
  afterAll(async () => {
    resumeRedis();
    g?.close();
    await t?.close();
    await redis?.stop();
  });

  it('answers create_incident, login and a new handshake within the timeout: the rate limiter fails open', async () => {
    process.kill(redis.pid, 'SIGSTOP');
    stopped = true;
    try {
      const created = await timed(() => command(g, 'create_incident', incident(site)));
      expect(created.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(created.answer.data.incident).toMatchObject({ siteId: site });

      const login = await timed(() =>
        request(t.baseUrl).post('/api/v1/auth/login').send({ email: guard.email, password: guard.password }),
      );
      expect(login.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(login.answer.status).toBe(200);

      const shake = await timed(() => handshake(t, guard.token));
      expect(shake.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(shake.answer).toBe('connected');
    } finally {
      resumeRedis();
    }
  });
});
