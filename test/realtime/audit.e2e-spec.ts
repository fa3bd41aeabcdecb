import request from 'supertest';
import { AuditService } from '../../libs/realtime/src/index.js';
import {
  command,
  connect,
  connectRefused,
  flush,
  rawCommand,
  waitForDisconnect,
} from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { pollUntil } from '../support/poll.js';

interface AuditRow {
  id: string;
  at: string;
  userId: string | null;
  socketId: string | null;
  remote: string | null;
  event: string;
  result: string;
  code: string | null;
  payload: any;
  details: any;
}

/** The audit log of docs/protocol.md section 6, read back through GET /api/v1/audit. */
describe('socket audit log', () => {
  let t: TestApp;
  let admin: TestUser;
  let siteId: string;

  const list = async (query: Record<string, string>) => {
    const res = await request(t.baseUrl)
      .get('/api/v1/audit')
      .query({ pageSize: '100', ...query })
      .auth(admin.token, { type: 'bearer' })
      .expect(200);
    return res.body as { items: AuditRow[]; total: number };
  };
  /** Flushes the buffer and reads until a row matches: the server handles disconnects asynchronously. */
  const rowsUntil = async (
    query: Record<string, string>,
    done: (rows: AuditRow[]) => boolean = (rows) => rows.length > 0,
  ): Promise<AuditRow[]> => {
    return pollUntil(async () => {
      await t.app.get(AuditService).flush();
      const { items } = await list(query);
      return done(items) ? items : undefined;
    }, 3000);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    siteId = await createSite(t);
  }, 30_000);
  afterAll(() => t.close(), 30_000);

  it('records connects and disconnects with reason and duration', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const s = await connect(t.baseUrl, { token: guard.token });
    const socketId = s.socket.id!;
    const [connected] = await rowsUntil({ userId: guard.id, event: 'connect' });
    expect(connected).toMatchObject({
      userId: guard.id,
      socketId,
      remote: expect.stringMatching(/127\.0\.0\.1/),
      event: 'connect',
      result: 'connected',
      code: null,
    });

    const gone = waitForDisconnect(s);
    s.close();
    await gone;
    const [disconnected] = await rowsUntil({ userId: guard.id, event: 'disconnect' });
    expect(disconnected).toMatchObject({ socketId, result: 'disconnected', code: null });
    expect(disconnected.details).toEqual({
      reason: 'client namespace disconnect',
      durationMs: expect.any(Number),
    });
    expect(disconnected.details.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(disconnected.at)).toBeGreaterThanOrEqual(Date.parse(connected.at));
  });

  it('records refused handshakes with their code (and the user when the token was genuine)', async () => {
    await connectRefused(t.baseUrl, { token: 'not-a-jwt-at-all' });
    const invalid = await rowsUntil({ event: 'connect', result: 'refused', code: 'AUTH_INVALID' });
    expect(invalid[0]).toMatchObject({
      userId: null,
      result: 'refused',
      code: 'AUTH_INVALID',
      payload: null,
    });

    const inactive = await createUser(t, 'guard', [siteId]);
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
    const err = await connectRefused(t.baseUrl, { token: inactive.token });
    expect(err.data).toEqual({ code: 'USER_INACTIVE', message: expect.any(String) }); // nothing more leaks
    const [row] = await rowsUntil({ userId: inactive.id, code: 'USER_INACTIVE' });
    expect(row).toMatchObject({ event: 'connect', result: 'refused' });
  });

  it('records accepted and refused commands with result, code and payload', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const s = await connect(t.baseUrl, { token: guard.token });
    const socketId = s.socket.id!;
    await command(s, 'sync', { cursors: { [`user:${guard.id}`]: 0 } });
    await command(s, 'join_site', { siteId });
    await rawCommand(s, 'no_such_event', { a: 1 });
    s.close();

    const [ok] = await rowsUntil({ userId: guard.id, event: 'sync' });
    expect(ok).toMatchObject({
      socketId,
      result: 'ok',
      code: null,
      payload: { cursors: { [`user:${guard.id}`]: 0 } },
    });
    const [refused] = await rowsUntil({ userId: guard.id, event: 'join_site' });
    expect(refused).toMatchObject({ result: 'error', code: 'FORBIDDEN', payload: { siteId } });
    const [unknown] = await rowsUntil({ userId: guard.id, event: 'no_such_event' });
    expect(unknown).toMatchObject({ result: 'error', code: 'UNKNOWN_EVENT' });

    // Filters combine.
    const errors = await rowsUntil({ userId: guard.id, result: 'error' }, (rows) => rows.length >= 2);
    expect(errors.map((r) => r.code).sort()).toEqual(['FORBIDDEN', 'UNKNOWN_EVENT']);
    const forbidden = await list({ userId: guard.id, code: 'FORBIDDEN' });
    expect(forbidden.items.map((r) => r.event)).toEqual(['join_site']);
    const future = await list({ userId: guard.id, from: new Date(Date.now() + 60_000).toISOString() });
    expect(future.total).toBe(0);
  });

  it('never stores secrets: token and password fields are redacted', async () => {
    const sup = await createUser(t, 'supervisor', [siteId]);
    const s = await connect(t.baseUrl, { token: sup.token });
    const badToken = `bad.${'t'.repeat(30)}.token`;
    const ack = await command(s, 'auth_refresh', { token: badToken });
    expect(ack.error.code).toBe('UNAUTHORIZED');
    const good = await command(s, 'auth_refresh', { token: sup.token });
    expect(good.ok).toBe(true);
    const nested = await rawCommand(s, 'auth_refresh', {
      token: badToken,
      credentials: { Password: 'hunter2-secret', accessToken: sup.token },
    });
    expect(nested.error.code).toBe('VALIDATION_FAILED');
    s.close();

    const rows = await rowsUntil({ userId: sup.id, event: 'auth_refresh' }, (r) => r.length >= 3);
    const byCode = (code: string | null) => rows.find((r) => r.code === code)!;
    expect(byCode('UNAUTHORIZED')).toMatchObject({ result: 'error', payload: { token: '[redacted]' } });
    expect(byCode(null)).toMatchObject({ result: 'ok', payload: { token: '[redacted]' } });
    expect(byCode('VALIDATION_FAILED').payload).toEqual({
      token: '[redacted]',
      credentials: { Password: '[redacted]', accessToken: '[redacted]' },
    });
    const [{ leaks }] = (await t.db.query(
      `SELECT count(*)::int AS leaks FROM audit_log WHERE payload::text LIKE '%' || $1 || '%' OR payload::text LIKE '%hunter2%' OR payload::text LIKE '%' || $2 || '%'`,
      [badToken, sup.token],
    )) as { leaks: number }[];
    expect(leaks).toBe(0);
  });

  it('stores refused payloads with NUL or lone surrogates without losing other rows', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const s = await connect(t.baseUrl, { token: guard.token });
    const nul = await rawCommand(s, 'sync', { cursors: {}, ['k\u0000ey']: 'a\u0000b', s: 'x\uD800' });
    expect(nul.error.code).toBe('VALIDATION_FAILED');
    await rawCommand(s, 'evil\u0000event', {});
    await command(s, 'sync', { cursors: {} });
    await flush(s);
    s.close();

    const rows = await rowsUntil(
      { userId: guard.id },
      (r) => r.filter((x) => x.event === 'sync').length >= 3,
    );
    const refused = rows.find((r) => r.event === 'sync' && r.result === 'error')!;
    expect(refused.payload).toEqual({ cursors: {}, 'k\uFFFDey': 'a\uFFFDb', s: 'x\uFFFD' });
    expect(rows.find((r) => r.code === 'UNKNOWN_EVENT')!.event).toBe('evil\uFFFDevent');
    expect(rows.filter((r) => r.event === 'sync' && r.result === 'ok')).toHaveLength(2);
  });

  it('is admin-only', async () => {
    const sup = await createUser(t, 'supervisor', [siteId]);
    const res = await request(t.baseUrl).get('/api/v1/audit').auth(sup.token, { type: 'bearer' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('keeps the disconnects caused by a server shutdown, which clients retry', async () => {
    const guard = await createUser(t, 'guard', [siteId]);
    const s = await connect(t.baseUrl, { token: guard.token });
    const socketId = s.socket.id!;
    const gone = waitForDisconnect(s);
    t = await t.restart();
    // Not "io server disconnect": that one tells socket.io clients not to reconnect on their own,
    // which only session_expired / session_revoked may do. A shutdown must be retried.
    expect(await gone).toBe('transport close');
    const rows = await rowsUntil({ userId: guard.id, event: 'disconnect' });
    expect(rows[0]).toMatchObject({ socketId, result: 'disconnected' });
    expect(typeof rows[0].details.reason).toBe('string');
  }, 30_000);
});
