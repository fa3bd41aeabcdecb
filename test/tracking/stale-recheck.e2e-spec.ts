import { AppConfig } from '#core';
import { LocationBatcher } from '#tracking';
import { Publisher, TimerPoller, TimerService } from '#realtime';
import { DataSource } from 'typeorm';
import type { HistoryRow } from '../../libs/tracking/src/persistence/location-history.repository.js';
import { GuardStaleTimers } from '../../libs/tracking/src/stale/guard-stale.timers.js';
import { GuardTrackStore } from '../../libs/tracking/src/state/guard-track.store.js';
import { pollUntil } from '../support/poll.js';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A guard_stale deadline may lag the last fix by up to five eighths of the period (deadlines are
 * written lazily): when it fires, the guard's real last fix decides, wherever it was received.
 */
describe('guard_stale: a firing deadline re-checks when the guard was last seen', () => {
  let t: TestApp;
  let s: TestSocket;
  let guardId: string;
  let clockedInAt: Date;
  const deadline = async () =>
    (await t.db.query(`SELECT due_at, payload FROM timers WHERE kind = 'guard_stale' AND ref = $1`, [
      guardId,
    ])) as { due_at: Date; payload: { lastSeenAt: string } }[];
  beforeAll(async () => {
    // Ticks are driven by the test; a long stale period so no deadline passes on its own.
    t = await startTestApp({ TIMER_POLL_MS: '600000', GUARD_STALE_AFTER_S: '60' });
    const site = await createSite(t, 'Recheck');
    const guard = await createUser(t, 'guard', [site]);
    guardId = guard.id;
    s = await connect(t.baseUrl, { token: guard.token });
    expect((await command(s, 'shift_start', { siteId: site })).ok).toBe(true);
    // The clock-in's arming runs after commit: wait for its row before the first fix.
    await pollUntil(async () => (await deadline()).length > 0);
    expect((await command(s, 'update_location', { lat: 52.52, lng: 13.405 })).data.accepted).toBe(true);
    await t.app.get(LocationBatcher).flush();
    const [shift] = await t.db.query(`SELECT started_received_at AS at FROM shifts WHERE guard_id = $1`, [
      guardId,
    ]);
    clockedInAt = (shift as { at: Date }).at;
    t.app.get(GuardTrackStore).drop(guardId); // as if the fix had been received by another node
  });

  afterAll(async () => {
    s.close();
    await t.close();
  });

  const fireNow = async () => {
    await t.db.query(
      `UPDATE timers SET due_at = now() - interval '1 s' WHERE kind = 'guard_stale' AND ref = $1`,
      [guardId],
    );
    await t.app.get(TimerPoller).tick();
  };
  const staleEvents = async () =>
    (await t.db.query(`SELECT data FROM stream_events WHERE type = 'guard_stale'`)) as { data: unknown }[];

  const deadlineFromFix = async () => {
    const [row] = await t.db.query(
      `SELECT t.due_at = h.received_at + interval '60 s' AS due,
              (t.payload->>'lastSeenAt')::timestamptz = h.received_at AS seen
         FROM timers t JOIN location_history h ON h.guard_id = t.ref::uuid
        WHERE t.kind = 'guard_stale' AND t.ref = $1`,
      [guardId],
    );
    return row as unknown;
  };

  it("leaves the clock-in's deadline while it is more than three eighths of a period away", async () => {
    const [row] = await deadline();
    expect(row.due_at.getTime()).toBe(clockedInAt.getTime() + 60_000);
    expect(row.payload.lastSeenAt).toBe(clockedInAt.toISOString());
  });

  it("moves the deadline to the flushed fix's receive time plus the period (a node that stored none)", async () => {
    // A node that has not stored this guard's deadline (it took over the guard's socket) writes
    // the first fix it flushes: built here from the running node's parts, without its memory.
    const other = new GuardStaleTimers(
      t.app.get(AppConfig),
      t.app.get(DataSource),
      t.app.get(TimerPoller),
      t.app.get(TimerService),
      t.app.get(Publisher),
      t.app.get(GuardTrackStore),
    );
    const [fix] = await t.db.query(
      `SELECT (extract(epoch FROM received_at) * 1000)::float8 AS "receivedAt" FROM location_history WHERE guard_id = $1`,
      [guardId],
    );
    await other.touch([{ guardId, ...(fix as { receivedAt: number }) } as HistoryRow]);
    expect(await deadlineFromFix()).toEqual({ due: true, seen: true });
  });

  it("keeps it there when the clock-in's arming lands after the fix (it runs after commit)", async () => {
    await t.app.get(GuardStaleTimers).arm(t.db.manager, guardId, clockedInAt);
    expect(await deadlineFromFix()).toEqual({ due: true, seen: true });
  });

  it('re-arms from the stored history when the guard was seen within the period', async () => {
    await fireNow();
    expect(await staleEvents()).toEqual([]);
    const [timer] = await t.db.query(
      `SELECT due_at > now() + interval '50 s' AS ahead FROM timers WHERE kind = 'guard_stale' AND ref = $1`,
      [guardId],
    );
    expect(timer).toEqual({ ahead: true });
  });

  it('reports the guard once the last fix is older than the period', async () => {
    await t.db.query(
      `UPDATE location_history SET received_at = now() - interval '70 s', recorded_at = now() - interval '70 s'
        WHERE guard_id = $1`,
      [guardId],
    );
    await fireNow();
    const events = await staleEvents();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ userId: guardId, reason: 'NO_LOCATION' });
  });
});
