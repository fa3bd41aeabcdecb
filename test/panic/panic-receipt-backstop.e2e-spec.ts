import { command, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, HERE, online } from './panic-fixtures.js';

/** A node that dies inside the receipt window must not leave a panic unescalated. */
describe('panic receipt backstop', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      TIMER_POLL_MS: '100',
      PANIC_RECEIPT_TIMEOUT_S: '3',
      PANIC_ESCALATION_L2_S: '600',
      PANIC_ESCALATION_L3_S: '1200',
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('escalates with NO_RECEIPT after a restart that lost the receipt window', async () => {
    const site = await createSite(t);
    const guard = await createUser(t, 'guard', [site]);
    const manager = await createUser(t, 'manager', [site]);
    const g = await online(t, guard);
    sockets.push(g);
    const ack = await command(g, 'panic_alert', { location: HERE });
    expect(ack.ok).toBe(true);
    const { panicId } = ack.data;
    // The server goes away before the 3 s receipt window closes; receipts were never recorded.
    g.close();
    t = await t.restart();
    const m = await online(t, manager);
    const g2 = await online(t, guard);
    sockets.push(m, g2);
    const escalated = await eventually(
      m,
      `user:${manager.id}`,
      0,
      'panic_escalated',
      (e) => e.data.panic.id === panicId,
    );
    expect(escalated.data).toMatchObject({ level: 2, reason: 'NO_RECEIPT' });
    const delivery = await eventually(
      g2,
      `user:${guard.id}`,
      0,
      'panic_delivery',
      (e) => e.data.panicId === panicId,
    );
    expect(delivery.data.confirmedBy).toBe(0);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM stream_events WHERE type = 'panic_delivery' AND data->>'panicId' = $1`,
      [panicId],
    );
    expect(n).toBe(1);
  });
});
