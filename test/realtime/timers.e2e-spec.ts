import { TimerPoller } from '../../libs/realtime/src/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { DurableEventName } from '../../libs/contract/src/index.js';
import { offContractEvent } from '../support/off-contract-event.js';

/** A test-only durable event, outside the contract on purpose. */
const TEST_EVENT = 'test_event' as DurableEventName;

/** Timer rows: a handler that keeps failing is pushed back and never blocks the others. */
describe('timer poller', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A long poll interval: the test drives the poller itself with tick().
    t = await startTestApp({ TIMER_POLL_MS: '600000' });
  });
  afterAll(() => t.close());

  it('fires later timers although an earlier one fails, and retries the failing one with backoff', async () => {
    const poller = t.app.get(TimerPoller);
    const fired: string[] = [];
    poller.register('test.broken', async () => {
      throw new Error('handler bug');
    });
    poller.register('test.ok', async (_uow, timer) => {
      fired.push(timer.ref);
    });
    await t.db.query(
      `INSERT INTO timers (kind, ref, due_at) VALUES ('test.broken', 'b1', now() - interval '2 s'),
         ('test.ok', 'ok1', now() - interval '1 s'), ('test.ok', 'ok2', now())`,
    );
    await poller.tick();
    expect(fired).toEqual(['ok1', 'ok2']);
    const [broken] = await t.db.query(
      `SELECT due_at > now() AS later, payload->>'_attempts' AS attempts FROM timers WHERE kind = 'test.broken'`,
    );
    expect(broken).toEqual({ later: true, attempts: '1' });
    expect(await t.db.query(`SELECT 1 FROM timers WHERE kind = 'test.ok'`)).toHaveLength(0);
  });

  it('backs off a timer whose events fail to store, and still fires the others', async () => {
    const poller = t.app.get(TimerPoller);
    const fired: string[] = [];
    // The handler itself succeeds; the statement that stores its work (after it returns) fails.
    poller.register('test.bad_write', async (uow) => {
      uow.append(offContractEvent(TEST_EVENT, null, ['test:timers'], { n: 1 }));
      uow.defer('INSERT INTO no_such_table_for_timers (x) VALUES ($1)', [1]);
    });
    poller.register('test.ok2', async (uow, timer) => {
      uow.append(offContractEvent(TEST_EVENT, null, ['test:timers'], { ref: timer.ref }));
      fired.push(timer.ref);
    });
    await t.db.query(
      `INSERT INTO timers (kind, ref, due_at) VALUES ('test.bad_write', 'w1', now() - interval '2 s'),
         ('test.ok2', 'ok3', now() - interval '1 s')`,
    );
    await poller.tick();
    expect(fired).toEqual(['ok3']);
    const [bad] = await t.db.query(
      `SELECT due_at > now() AS later, payload->>'_attempts' AS attempts FROM timers WHERE kind = 'test.bad_write'`,
    );
    expect(bad).toEqual({ later: true, attempts: '1' });
    // only the good timer's event is in the log, at seq 1: the failed one left no trace or gap
    const events = await t.db.query(`SELECT seq, data FROM stream_events WHERE stream = 'test:timers'`);
    expect(events).toEqual([{ seq: '1', data: { ref: 'ok3' } }]);
  });
});
