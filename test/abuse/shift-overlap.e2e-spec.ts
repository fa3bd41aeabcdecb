import { command, connect } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** Issue 23: one guard's shifts never overlap, whatever the device clock says (no double-counted minutes). */
describe('abuse: overlapping shifts of one guard', () => {
  let t: TestApp;
  let site: string;
  beforeAll(async () => {
    t = await startTestApp();
    site = await createSite(t, 'Overlap');
  });
  afterAll(() => t.close());

  const shiftsOf = async (guardId: string) =>
    (await t.db.query('SELECT started_at, ended_at FROM shifts WHERE guard_id = $1', [guardId])) as object[];

  it('a start inside an ended shift is CONFLICT and stores nothing; a start after it is fine', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const g = await connect(t.baseUrl, { token: guard.token });
    try {
      const first = await command(g, 'shift_start', { siteId: site, recordedAt: hoursAgo(3) });
      expect(first.ok).toBe(true);
      expect((await command(g, 'shift_end', { recordedAt: hoursAgo(1) })).ok).toBe(true);

      for (const at of [hoursAgo(2), hoursAgo(3.5), hoursAgo(1.01)]) {
        const overlap = await command(g, 'shift_start', { siteId: site, recordedAt: at });
        expect(overlap).toMatchObject({ ok: false, error: { code: 'CONFLICT', retryable: false } });
        expect(overlap.error.details).toMatchObject({ shiftId: first.data.shift.id });
      }
      expect(await shiftsOf(guard.id)).toHaveLength(1);

      const after = await command(g, 'shift_start', { siteId: site, recordedAt: hoursAgo(0.5) });
      expect(after.ok).toBe(true);
      expect(await shiftsOf(guard.id)).toHaveLength(2);
    } finally {
      g.close();
    }
  });

  it('another guard is not held back by the first one’s history', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const g = await connect(t.baseUrl, { token: guard.token });
    try {
      expect((await command(g, 'shift_start', { siteId: site, recordedAt: hoursAgo(2) })).ok).toBe(true);
    } finally {
      g.close();
    }
  });
});
