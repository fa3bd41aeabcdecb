import { SessionDeadlines, type DeadlineSocket } from './session-deadlines.js';

type FakeSocket = DeadlineSocket & { connected: boolean; data: { expiresAt: number } };

/** Sockets of one namespace (plain objects: this is the deadline logic, e2e covers real sockets). */
function namespace() {
  const sockets = new Map<string, FakeSocket>();
  const nsp = { sockets };
  const add = (id: string, expiresAt: number): FakeSocket => {
    const s = { id, connected: true, data: { expiresAt }, nsp };
    sockets.set(id, s);
    return s;
  };
  return { sockets, add };
}

/** Records what fired and resolves waiters for it. */
function recorder() {
  const fired: string[] = [];
  const waiters: { what: string; resolve: () => void }[] = [];
  const note = (what: string) => {
    fired.push(what);
    for (const w of waiters.filter((w) => w.what === what)) w.resolve();
  };
  const when = (what: string) =>
    fired.includes(what)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ what, resolve }));
  return { fired, note, when };
}

describe('SessionDeadlines', () => {
  const LEAD = 40;
  let deadlines: SessionDeadlines<FakeSocket> | undefined;
  afterEach(() => deadlines?.stop());

  const start = (note: (what: string) => void) =>
    (deadlines = new SessionDeadlines<FakeSocket>(LEAD, {
      warn: (s) => note(`warn ${s.id}`),
      expire: (s) => note(`expire ${s.id}`),
    }));
  /** A namespace, a recorder and deadlines that report to it. */
  const setup = () => {
    const ns = namespace();
    const rec = recorder();
    return { ...ns, ...rec, d: start(rec.note), t0: Date.now() };
  };

  it('warns LEAD ms before the expiry and expires at it, each socket on its own time', async () => {
    const { add, fired, when, d, t0 } = setup();
    const late = add('late', t0 + 120);
    const early = add('early', t0 + 60);
    d.schedule(late);
    d.schedule(early);
    await when('warn early');
    expect(Date.now()).toBeGreaterThanOrEqual(t0 + 60 - LEAD);
    await when('expire late');
    expect(Date.now()).toBeGreaterThanOrEqual(t0 + 120);
    // Per socket in order, and expiries in time order (a slow machine may run several in one tick).
    expect(fired.filter((f) => f.endsWith('early'))).toEqual(['warn early', 'expire early']);
    expect(fired.filter((f) => f.endsWith('late'))).toEqual(['warn late', 'expire late']);
    expect(fired.filter((f) => f.startsWith('expire'))).toEqual(['expire early', 'expire late']);
  });

  it('skips the deadlines of a refreshed token and of a closed socket', async () => {
    const { sockets, add, fired, when, d, t0 } = setup();
    const refreshed = add('refreshed', t0 + 50);
    const closed = add('closed', t0 + 50);
    d.schedule(refreshed);
    d.schedule(closed);
    closed.connected = false;
    sockets.delete('closed');
    refreshed.data.expiresAt = t0 + 150;
    d.schedule(refreshed);
    await when('expire refreshed');
    expect(Date.now()).toBeGreaterThanOrEqual(t0 + 150);
    expect(fired).toEqual(['warn refreshed', 'expire refreshed']);
  });

  it('warns and expires once when a token is refreshed to the same expiry, or back to an earlier one', async () => {
    const { add, fired, when, d, t0 } = setup();
    const same = add('same', t0 + 60);
    for (let i = 0; i < 100; i++) d.schedule(same); // the same token sent again and again
    expect(d.pending).toBe(2);
    const back = add('back', t0 + 80);
    d.schedule(back);
    back.data.expiresAt = t0 + 5000;
    d.schedule(back);
    back.data.expiresAt = t0 + 80; // and back: two entries for t0 + 80 stand
    d.schedule(back);
    await when('expire back');
    expect(fired.filter((f) => f.endsWith('same'))).toEqual(['warn same', 'expire same']);
    expect(fired.filter((f) => f.endsWith('back'))).toEqual(['warn back', 'expire back']);
  });

  it('a failing deadline does not stop the others of its tick, nor later ones', async () => {
    const { add } = namespace();
    const { fired, note, when } = recorder();
    const d = start((what) => {
      if (what === 'warn bad') throw new Error('emit failed');
      note(what);
    });
    const t0 = Date.now();
    d.schedule(add('bad', t0 + 50));
    d.schedule(add('good', t0 + 50));
    d.schedule(add('later', t0 + 90));
    await when('expire later');
    expect(fired).toEqual(expect.arrayContaining(['warn good', 'expire bad', 'expire good', 'warn later']));
  });

  it('drops stale entries in bulk so closed sockets cannot grow the heaps', () => {
    const { sockets, add } = namespace();
    const d = start(() => undefined);
    const far = Date.now() + 3_600_000;
    for (let i = 0; i < 2000; i++) {
      d.schedule(add(`gone-${i}`, far));
      sockets.delete(`gone-${i}`);
    }
    expect(d.pending).toBeLessThanOrEqual(1024 + 2);
    const live = add('live', far);
    d.schedule(live);
    expect(d.pending).toBeLessThanOrEqual(1024 + 2);
  });
});
