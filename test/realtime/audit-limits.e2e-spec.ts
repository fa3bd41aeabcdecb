import { RetentionService } from '../../libs/realtime/src/maintenance/retention.service.js';
import { pollUntil } from '../support/poll.js';
import { connect, connectRefused, waitForDisconnect } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

type Row = { event: string; result: string; code: string | null; details: any; socket_id: string | null };

/**
 * The audit log cannot be flooded: refusals are aggregated (one row with a count per address or
 * socket and window), a socket that keeps getting RATE_LIMITED is cut off, old rows are pruned.
 */
describe('audit limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      AUDIT_AGGREGATE_WINDOW_S: '1',
      WS_COMMANDS_PER_S: '2',
      WS_RATE_LIMITED_CUTOFF: '5',
    });
  });
  afterAll(() => t.close());

  const rows = (where: string, params: unknown[] = []) =>
    t.db.query(
      `SELECT event, result, code, details, socket_id FROM audit_log WHERE ${where}`,
      params,
    ) as Promise<Row[]>;

  it('writes one row with a count for a flood of refused handshakes from one address', async () => {
    for (let i = 0; i < 30; i++) await connectRefused(t.baseUrl, { token: `garbage-${i}` });
    // Written when the 1 s window ends, by the periodic flush.
    const [row] = await pollUntil(async () => {
      const found = await rows(`event = 'connect' AND result = 'refused' AND code = 'AUTH_INVALID'`);
      return found.length ? found : undefined;
    });
    expect(row.details).toEqual({ count: 30, firstAt: expect.any(String), lastAt: expect.any(String) });
    expect(await rows(`event = 'connect' AND result = 'refused'`)).toHaveLength(1);
  });

  it('disconnects a socket that keeps sending past its budget, with its refusals in one row', async () => {
    const site = await createSite(t);
    const s = await connect(t.baseUrl, { token: (await createUser(t, 'guard', [site])).token });
    const socketId = s.socket.id!;
    const codes: string[] = [];
    const gone = waitForDisconnect(s);
    for (let i = 0; i < 20; i++)
      s.socket.emit('sync', { cursors: {} }, (ack: any) => codes.push(ack.ok ? 'ok' : ack.error.code));
    expect(await gone).toBe('io server disconnect');
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    const [row] = await pollUntil(async () => {
      const found = await rows(`socket_id = $1 AND code = 'RATE_LIMITED'`, [socketId]);
      return found.length ? found : undefined;
    });
    expect(row).toMatchObject({
      event: 'sync',
      result: 'error',
      details: expect.objectContaining({ count: 5 }),
    });
    expect(await rows(`socket_id = $1 AND code = 'RATE_LIMITED'`, [socketId])).toHaveLength(1);
  });

  it('prunes audit rows older than AUDIT_RETENTION_DAYS (90)', async () => {
    await t.db.query(
      `INSERT INTO audit_log (at, event, result) VALUES (now() - interval '91 days', 'old', 'ok'),
         (now() - interval '89 days', 'kept', 'ok')`,
    );
    await t.app.get(RetentionService).prune();
    expect(await rows(`event IN ('old', 'kept')`)).toEqual([expect.objectContaining({ event: 'kept' })]);
  });
});
