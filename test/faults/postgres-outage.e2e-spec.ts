import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  createRootLogger,
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../libs/core/src/index.js';
import { ProbeModule } from '../support/probe.module.js';
import { retryUntil } from '../support/retry.js';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

/** PostgreSQL stopped and restarted under a live server: retryable errors, then exactly-once effects. */
describe('PostgreSQL outage', () => {
  let dir: string;
  let pg: EmbeddedDatabase;
  let port: number;
  let t: TestApp;
  let sup: TestSocket;
  let stream: string;
  const logger = createRootLogger('warn');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'patrolshield-fault-'));
    await chmod(dir, 0o755);
    pg = await startEmbeddedPostgres({ dataDir: dir, persistent: true, logger });
    port = Number(new URL(pg.url).port);
    t = await startTestApp({}, await ensureDatabase(pg.url, 'faults'), [ProbeModule]);
    const site = await createSite(t);
    const user = await createUser(t, 'supervisor', [site]);
    sup = await connect(t.baseUrl, { token: user.token });
    stream = `site:${site}:staff`;
  });
  afterAll(async () => {
    sup?.close();
    await t?.close();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const storedNotes = async (note: string) =>
    Number(
      (await t.db.query(`SELECT count(*) AS n FROM stream_events WHERE data->>'note' = $1`, [note]))[0].n,
    );

  it('answers UNAVAILABLE (retryable) while down and applies a retried command once after recovery', async () => {
    const before = await command(sup, 'probe_emit', {
      streams: [stream],
      note: 'before',
      clientEventId: randomUUID(),
    });
    expect(before.ok).toBe(true);

    await pg.stop();
    const key = randomUUID();
    const during = await command(sup, 'probe_emit', {
      streams: [stream],
      note: 'during',
      clientEventId: key,
    });
    expect(during).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'UNAVAILABLE', retryable: true }),
    });
    expect(JSON.stringify(during)).not.toMatch(/ECONNREFUSED|terminated|stack/i);
    await request(t.baseUrl).get('/health/ready').expect(503);
    expect(sup.socket.connected).toBe(true);

    pg = await startEmbeddedPostgres({ dataDir: dir, persistent: true, logger, port });
    const after = await retryUntil(
      () => command(sup, 'probe_emit', { streams: [stream], note: 'during', clientEventId: key }),
      (r) => r.ok,
    );
    const again = await command(sup, 'probe_emit', { streams: [stream], note: 'during', clientEventId: key });
    expect(again.data).toEqual(after.data);
    expect(await storedNotes('during')).toBe(1);
    await request(t.baseUrl).get('/health/ready').expect(200);
  });
});
