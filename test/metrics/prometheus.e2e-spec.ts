import request from 'supertest';
import { command, connect, rawCommand } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'metrics-token-for-the-e2e-suite';
const HERE = { lat: 52.52, lng: 13.405, accuracy: 5 };

/** The value of one sample line, e.g. `patrolshield_commands_total{command="x",result="ok"}`. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('GET /metrics (Prometheus, docs/protocol.md section 13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = async () =>
    (await request(t.baseUrl).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200)).text;

  it('asks for METRICS_TOKEN as a bearer token', async () => {
    const none = await request(t.baseUrl).get('/metrics').expect(401);
    expect(none.body.code).toBe('UNAUTHORIZED');
    await request(t.baseUrl).get('/metrics').set('authorization', 'Bearer wrong-token').expect(401);
  });

  it('counts sockets, commands by result with their durations, and events published by type', async () => {
    const site = await createSite(t, 'Metrics site');
    const guard = await createUser(t, 'guard', [site]);
    const g = await connect(t.baseUrl, { token: guard.token });
    try {
      expect((await command(g, 'panic_alert', { location: HERE })).ok).toBe(true);
      const refused = await command(g, 'panic_alert', { location: { lat: 999, lng: 0 } });
      expect(refused.error.code).toBe('VALIDATION_FAILED');
      await rawCommand(g, 'no_such_command_xyz', {});
      const text = await scrape();
      expect(sample(text, 'patrolshield_connected_sockets')).toBe(1);
      expect(sample(text, 'patrolshield_commands_total{command="panic_alert",result="ok"}')).toBe(1);
      expect(
        sample(text, 'patrolshield_commands_total{command="panic_alert",result="VALIDATION_FAILED"}'),
      ).toBe(1);
      // Unknown names share one label: a client cannot add time series.
      expect(sample(text, 'patrolshield_commands_total{command="(unknown)",result="UNKNOWN_EVENT"}')).toBe(1);
      expect(text).not.toContain('no_such_command_xyz');
      expect(sample(text, 'patrolshield_command_duration_seconds_count{command="panic_alert"}')).toBe(2);
      expect(
        sample(text, 'patrolshield_command_duration_seconds_bucket{command="panic_alert",le="+Inf"}'),
      ).toBe(2);
      expect(sample(text, 'patrolshield_events_published_total{type="panic_alert"}')).toBe(1);
      expect(text).toContain('# TYPE patrolshield_command_duration_seconds histogram');
      expect(text).toContain('# TYPE patrolshield_notification_deliveries_total counter');
    } finally {
      g.close();
    }
  });

  it("exposes Node's default process metrics and this node's event-loop delay and GC figures", async () => {
    const text = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(sample(text, name)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'patrolshield_gc_paused_ratio')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'patrolshield_gc_pause_seconds{kind="minor"}')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE patrolshield_event_loop_delay_seconds gauge');
  });
});
