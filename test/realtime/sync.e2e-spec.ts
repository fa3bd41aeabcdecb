import { RetentionService } from '../../libs/realtime/src/maintenance/retention.service.js';
import { storedSeqs } from '../support/probe.module.js';
import { useProbeApp } from '../support/probe-app.js';
import { command, receivedOf } from '../support/sockets.js';
import { createSite, createUser } from '../support/test-app.js';

const staff = (siteId: string) => `site:${siteId}:staff`;
const guards = (siteId: string) => `site:${siteId}:guards`;
const userStream = (userId: string) => `user:${userId}`;

/** Catch-up after a disconnect (docs/protocol.md section 4): gap-free seqs, exact replay, retention. */
describe('sync', () => {
  const app = useProbeApp();
  const { probe, sock } = app;

  it('replays exactly the missed events of each readable stream, in seq order, without gaps', async () => {
    const [A, B] = [await createSite(app.t, 'A'), await createSite(app.t, 'B')];
    const sup = await createUser(app.t, 'supervisor', [A]);
    const guard = await createUser(app.t, 'guard', [A]);
    // History before the client first connects.
    await probe([staff(A)], 'old-1');
    await probe([staff(A), userStream(sup.id)], 'old-2');

    const first = await sock(sup);
    const cursors = first.session.streams as Record<string, number>;
    expect(cursors).toEqual({ [staff(A)]: 2, [userStream(sup.id)]: 1 });
    first.close();

    // While it is away: its streams, and streams it must not read.
    const missed: Record<string, string[]> = { [staff(A)]: [], [userStream(sup.id)]: [] };
    for (let i = 1; i <= 7; i++) {
      await probe([staff(A)], `staff-${i}`);
      missed[staff(A)].push(`staff-${i}`);
      if (i % 2) {
        await probe([userStream(sup.id)], `mine-${i}`);
        missed[userStream(sup.id)].push(`mine-${i}`);
      }
      await probe([guards(A)], `guards-${i}`);
      await probe([staff(B)], `other-site-${i}`);
      await probe([userStream(guard.id)], `other-user-${i}`);
    }
    const both = await probe([staff(A), userStream(sup.id)], 'both');
    missed[staff(A)].push('both');
    missed[userStream(sup.id)].push('both');

    const back = await sock(sup);
    expect(back.session.streams).toEqual({ [staff(A)]: 10, [userStream(sup.id)]: 6 });
    const ack = await command(back, 'sync', {
      cursors: { ...cursors, [guards(A)]: 0, [staff(B)]: 0, [userStream(guard.id)]: 0, 'role:admin': 0 },
    });
    expect(ack.ok).toBe(true);
    // Streams it may not read are ignored, not answered.
    expect(Object.keys(ack.data.streams).sort()).toEqual([staff(A), userStream(sup.id)].sort());
    for (const stream of [staff(A), userStream(sup.id)]) {
      const page = ack.data.streams[stream];
      expect(page.truncated).toBe(false);
      expect(page.hasMore).toBe(false);
      expect(page.head).toBe(back.session.streams[stream]);
      const seqs = page.events.map((e: any) => e.seq);
      expect(seqs).toEqual(
        Array.from({ length: page.head - cursors[stream] }, (_, i) => cursors[stream] + 1 + i),
      );
      expect(page.events.map((e: any) => e.data.note)).toEqual(missed[stream]);
      for (const e of page.events)
        expect(e).toEqual({
          id: expect.any(String),
          type: 'probe',
          stream,
          seq: expect.any(Number),
          siteId: null,
          occurredAt: expect.any(String),
          actor: { userId: app.admin.id, role: 'admin', name: app.admin.name },
          data: { note: expect.any(String) },
        });
    }
    // One event on two streams: same id, its own seq on each.
    const onBoth = (stream: string) =>
      ack.data.streams[stream].events.find((e: any) => e.data.note === 'both');
    expect(onBoth(staff(A)).id).toBe(both.eventIds[0]);
    expect(onBoth(userStream(sup.id)).id).toBe(both.eventIds[0]);
    expect(onBoth(staff(A)).seq).toBe(both.seqs[staff(A)]);
    expect(onBoth(userStream(sup.id)).seq).toBe(both.seqs[userStream(sup.id)]);
    // sync is a reply, not a broadcast: nothing was pushed as a live event.
    expect(receivedOf(back, 'probe')).toEqual([]);

    // Up to date: nothing more, and streams without a cursor answer only their head.
    const again = await command(back, 'sync', { cursors: { [staff(A)]: 10 } });
    expect(again.data.streams[staff(A)]).toEqual({ head: 10, events: [], truncated: false, hasMore: false });
    expect(again.data.streams[userStream(sup.id)]).toEqual({
      head: 6,
      events: [],
      truncated: false,
      hasMore: false,
    });
    // A cursor ahead of the server (a restored database): truncated, reload over REST.
    const ahead = await command(back, 'sync', { cursors: { [staff(A)]: 99 } });
    expect(ahead.data.streams[staff(A)]).toEqual({ head: 10, events: [], truncated: true, hasMore: false });
  });

  it('a guard reads its guard stream and its own stream, never staff streams', async () => {
    const A = await createSite(app.t, 'A');
    const guard = await createUser(app.t, 'guard', [A]);
    await probe([staff(A)], 'staff only');
    await probe([guards(A)], 'for guards');
    const s = await sock(guard);
    const ack = await command(s, 'sync', {
      cursors: { [staff(A)]: 0, [guards(A)]: 0, [userStream(guard.id)]: 0 },
    });
    expect(Object.keys(ack.data.streams).sort()).toEqual([guards(A), userStream(guard.id)].sort());
    expect(ack.data.streams[guards(A)].events.map((e: any) => e.data.note)).toEqual(['for guards']);
  });

  it('assigns gap-free seqs under concurrency: 150 parallel appends from 3 sockets', async () => {
    const A = await createSite(app.t, 'A');
    const stream = staff(A);
    const writers = await Promise.all(
      ['supervisor', 'manager', 'admin'].map(async (role) =>
        sock(await createUser(app.t, role as 'supervisor' | 'manager' | 'admin', [A])),
      ),
    );
    const acks = await Promise.all(
      writers.flatMap((w, wi) =>
        Array.from({ length: 50 }, (_, i) =>
          command(w, 'probe_emit', { streams: [stream, userStream(w.session.userId)], note: `${wi}-${i}` }),
        ),
      ),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(await storedSeqs(app.t, stream)).toEqual(range(150));
    expect(acks.map((a) => a.data.seqs[stream]).sort((x: number, y: number) => x - y)).toEqual(range(150));
    for (const w of writers) expect(await storedSeqs(app.t, userStream(w.session.userId))).toEqual(range(50));

    // Every writer (all staff of A) received all 150 live, and sync agrees with the store.
    const reader = writers[0];
    const ack = await command(reader, 'sync', { cursors: { [stream]: 0 } });
    expect(ack.data.streams[stream].events.map((e: any) => e.seq)).toEqual(range(150));
    const live = receivedOf(reader, 'probe').filter((e) => e.stream === stream);
    expect(live.map((e) => e.seq).sort((x: number, y: number) => x - y)).toEqual(range(150));
  }, 30_000);

  it('answers truncated: true once events past retention are pruned', async () => {
    const A = await createSite(app.t, 'A');
    const sup = await createUser(app.t, 'supervisor', [A]);
    for (let i = 1; i <= 5; i++) await probe([staff(A)], `r-${i}`);
    await app.t.db.query(
      `UPDATE stream_events SET recorded_at = now() - interval '8 days' WHERE stream = $1 AND seq <= 3`,
      [staff(A)],
    );
    await app.t.app.get(RetentionService).prune();
    expect(await storedSeqs(app.t, staff(A))).toEqual([4, 5]);

    const s = await sock(sup);
    const fromZero = await command(s, 'sync', { cursors: { [staff(A)]: 0 } });
    const page = fromZero.data.streams[staff(A)];
    expect(page.truncated).toBe(true);
    expect(page.head).toBe(5);
    expect(page.events.map((e: any) => e.seq)).toEqual([4, 5]);
    // A client whose cursor is still inside the window is not truncated.
    const fromThree = await command(s, 'sync', { cursors: { [staff(A)]: 3 } });
    expect(fromThree.data.streams[staff(A)]).toMatchObject({ truncated: false, head: 5 });
    expect(fromThree.data.streams[staff(A)].events.map((e: any) => e.seq)).toEqual([4, 5]);

    // Everything pruned: still truncated, with no events.
    await app.t.db.query(
      `UPDATE stream_events SET recorded_at = now() - interval '8 days' WHERE stream = $1`,
      [staff(A)],
    );
    await app.t.app.get(RetentionService).prune();
    const empty = await command(s, 'sync', { cursors: { [staff(A)]: 1 } });
    expect(empty.data.streams[staff(A)]).toEqual({ head: 5, events: [], truncated: true, hasMore: false });
    // New events after a prune continue the sequence: seq is never reused.
    const next = await probe([staff(A)], 'after prune');
    expect(next.seqs[staff(A)]).toBe(6);
  });

  it('pages long histories: hasMore until the client has caught up', async () => {
    const A = await createSite(app.t, 'A');
    const sup = await createUser(app.t, 'supervisor', [A]);
    // One more than a sync page (500).
    for (let batch = 0; batch < 501; batch += 25)
      await Promise.all(
        Array.from({ length: Math.min(25, 501 - batch) }, (_, i) => probe([staff(A)], `p-${batch + i}`)),
      );
    const s = await sock(sup);
    const page1 = (await command(s, 'sync', { cursors: { [staff(A)]: 0 } })).data.streams[staff(A)];
    expect(page1).toMatchObject({ head: 501, truncated: false, hasMore: true });
    expect(page1.events).toHaveLength(500);
    const page2 = (await command(s, 'sync', { cursors: { [staff(A)]: 500 } })).data.streams[staff(A)];
    expect(page2).toMatchObject({ head: 501, truncated: false, hasMore: false });
    expect(page2.events.map((e: any) => e.seq)).toEqual([501]);
  }, 30_000);
});
