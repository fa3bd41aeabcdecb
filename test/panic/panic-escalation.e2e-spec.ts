import { command, connect, flush, waitFor } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { closeAll, eventually, HERE, ofPanic, online, panicEvents, syncAll } from './panic-fixtures.js';

const escalatedTo = (panicId: string, level: number) => (env: any) =>
  env?.data?.panic?.id === panicId && env.data.level === level;

describe('panic escalation timers', () => {
  let t: TestApp;
  let site: string;
  let sup: TestUser;
  let mgr: TestUser;
  let otherMgr: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({
      TIMER_POLL_MS: '100',
      PANIC_ESCALATION_L2_S: '2',
      PANIC_ESCALATION_L3_S: '4',
      PANIC_RECEIPT_TIMEOUT_S: '1',
    });
    site = await createSite(t, 'Escalation site');
    const elsewhere = await createSite(t, 'Elsewhere');
    sup = await createUser(t, 'supervisor', [site]);
    mgr = await createUser(t, 'manager', [site]);
    otherMgr = await createUser(t, 'manager', [elsewhere]);
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  it('escalates an unacknowledged panic to level 2 (site managers, admins), then level 3 (all)', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const [g, s, m, om, ad] = await Promise.all([
      online(t, guard),
      online(t, sup, true),
      online(t, mgr),
      online(t, otherMgr),
      online(t, admin),
    ]);
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const panicId: string = data.panicId;
    const l2 = await waitFor(m, 'panic_escalated', escalatedTo(panicId, 2));
    expect(l2).toMatchObject({
      stream: `user:${mgr.id}`,
      siteId: site,
      actor: { role: 'system' },
      data: { level: 2, reason: 'NOT_ACKNOWLEDGED', panic: { id: panicId, escalationLevel: 2 } },
    });
    await waitFor(ad, 'panic_escalated', escalatedTo(panicId, 2));
    const l3 = await waitFor(om, 'panic_escalated', escalatedTo(panicId, 3));
    expect(l3.data).toMatchObject({ level: 3, reason: 'NOT_ACKNOWLEDGED', panic: { escalationLevel: 3 } });
    await waitFor(m, 'panic_escalated', escalatedTo(panicId, 3));
    await waitFor(ad, 'panic_escalated', escalatedTo(panicId, 3));
    await Promise.all([flush(s), flush(om), flush(g)]);
    expect(panicEvents(om, 'panic_escalated', panicId)).toHaveLength(1);
    expect(panicEvents(s, 'panic_escalated', panicId)).toHaveLength(0);
    expect(panicEvents(g, 'panic_escalated', panicId)).toHaveLength(0);
    expect(panicEvents(g, 'panic_delivery', panicId)[0].data.confirmedBy).toBe(1);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM timers WHERE ref = $1', [panicId]);
    expect(n).toBe(0);
    closeAll(g, s, m, om, ad);
  });

  it('stops escalating once acknowledged', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const [g, s] = await Promise.all([online(t, guard), online(t, sup, true)]);
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const before = await t.db.query('SELECT kind, payload FROM timers WHERE ref = $1 ORDER BY kind', [
      data.panicId,
    ]);
    expect(before).toEqual([
      { kind: 'panic.escalation', payload: { level: 2 } },
      { kind: 'panic.receipt', payload: { guardId: guard.id } },
    ]);
    const ack = await command(s, 'panic_acknowledge', { panicId: data.panicId });
    expect(ack.data.panic.escalationLevel).toBe(1);
    const after = await t.db.query('SELECT 1 FROM timers WHERE ref = $1', [data.panicId]);
    expect(after).toHaveLength(0);
    await command(s, 'panic_resolve', { panicId: data.panicId });
    closeAll(g, s);
  });

  it('keeps its deadlines across a server restart; an offline client catches up through sync', async () => {
    const guard = await createUser(t, 'guard', [site]);
    const offlineMgr = await createUser(t, 'manager', [site]);
    const off = await online(t, offlineMgr);
    const offCursors = off.session.streams as Record<string, number>;
    off.close();

    const [g, s] = await Promise.all([online(t, guard), online(t, sup, true)]);
    const guardCursors = g.session.streams as Record<string, number>;
    const { data } = await command(g, 'panic_alert', { location: HERE });
    const panicId: string = data.panicId;
    await waitFor(g, 'panic_delivery', ofPanic(panicId));
    const pending = await t.db.query('SELECT 1 FROM timers WHERE ref = $1', [panicId]);
    expect(pending).toHaveLength(1);
    closeAll(g, s);

    t = await t.restart();

    const ad = await connect(t.baseUrl, { token: admin.token });
    const adStream = `user:${admin.id}`;
    const since = 0;
    const l2 = await eventually(ad, adStream, since, 'panic_escalated', escalatedTo(panicId, 2));
    const l3 = await eventually(ad, adStream, since, 'panic_escalated', escalatedTo(panicId, 3));
    expect(l3.seq).toBeGreaterThan(l2.seq);
    const ack = await command(ad, 'panic_acknowledge', { panicId });
    expect(ack.data.panic).toMatchObject({ status: 'ACKNOWLEDGED', escalationLevel: 3 });
    await command(ad, 'panic_resolve', { panicId, notes: 'Found safe' });
    ad.close();

    const back = await online(t, offlineMgr);
    const streams = await syncAll(back, offCursors);
    const staff = streams[`site:${site}:staff`].events.filter(ofPanic(panicId));
    expect(staff.map((e) => e.type)).toEqual(['panic_alert', 'panic_acknowledged', 'panic_resolved']);
    const own = streams[`user:${offlineMgr.id}`].events.filter(ofPanic(panicId));
    expect(own.map((e) => [e.type, e.data.level])).toEqual([
      ['panic_escalated', 2],
      ['panic_escalated', 3],
    ]);
    for (const page of Object.values(streams)) {
      const seqs = page.events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(page.truncated).toBe(false);
    }

    const gBack = await online(t, guard);
    const mine = (await syncAll(gBack, guardCursors))[`user:${guard.id}`].events.filter(ofPanic(panicId));
    expect(mine.map((e) => e.type)).toEqual(['panic_delivery', 'panic_acknowledged', 'panic_resolved']);
    closeAll(back, gBack);
  });
});
