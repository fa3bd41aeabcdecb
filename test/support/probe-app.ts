import { ProbeModule } from './probe.module.js';
import { command, connect, type TestSocket } from './sockets.js';
import { createUser, startTestApp, type TestApp, type TestUser } from './test-app.js';

export interface ProbeApp {
  t: TestApp;
  admin: TestUser;
  /** The admin's socket that emits probe events. */
  emitter: TestSocket;
  /** Emits one probe event to `streams`; returns its ids and where it landed. */
  probe(streams: string[], note?: string): Promise<{ eventIds: string[]; seqs: Record<string, number> }>;
  /** Connects `u` (over `transports` when given); the socket is closed after the suite. */
  sock(u: TestUser, opts?: { transports?: ('polling' | 'websocket')[] }): Promise<TestSocket>;
}

/**
 * A test app with the probe gateway, an admin and the admin's emitting socket, for the suites
 * that check who receives which stream. Registers its own beforeAll/afterAll.
 */
export function useProbeApp(): ProbeApp {
  const open: TestSocket[] = [];
  const app = {
    async probe(streams: string[], note = 'x') {
      const ack = await command(app.emitter, 'probe_emit', { streams, note });
      expect(ack).toMatchObject({ ok: true });
      return ack.data as { eventIds: string[]; seqs: Record<string, number> };
    },
    async sock(u: TestUser, opts: { transports?: ('polling' | 'websocket')[] } = {}) {
      const s = await connect(app.t.baseUrl, { token: u.token, ...opts });
      open.push(s);
      return s;
    },
  } as ProbeApp;
  beforeAll(async () => {
    app.t = await startTestApp({}, undefined, [ProbeModule]);
    app.admin = await createUser(app.t, 'admin');
    app.emitter = await connect(app.t.baseUrl, { token: app.admin.token });
  }, 30_000);
  afterAll(async () => {
    for (const s of [app.emitter, ...open]) s.close();
    await app.t.close();
  }, 30_000);
  return app;
}
