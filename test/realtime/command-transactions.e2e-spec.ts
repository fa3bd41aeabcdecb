import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { EventBus, type IEvent } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { SiteEntity, type Principal } from '../../libs/core/src/index.js';
import { offContractEvent } from '../support/off-contract-event.js';
import {
  CommandRunner,
  CommittedEvent,
  preparedQuery,
  TransactionAbortedError,
  type SqlValue,
  type UnitOfWork,
} from '../../libs/realtime/src/index.js';
import { pollUntil } from '../support/poll.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * CommandRunner's transaction against a real PostgreSQL: BEGIN travels with the idempotency claim
 * and COMMIT with the final statement (PipelinedTransaction), so these prove that what a command
 * writes still commits or rolls back as one, whichever statement fails, and that the connection
 * goes back to the pool clean. The same holds with FAST_PATH=off (TypeORM's own transaction,
 * PlainTransaction), which the fast path is measured against (docs/fast-path.md).
 */
describe.each(['on', 'off'])('command transactions (FAST_PATH=%s)', (fastPath) => {
  let t: TestApp;
  let runner: CommandRunner;
  let me: Principal;
  let siteId: string;

  const siteName = async () => (await t.db.getRepository(SiteEntity).findOneByOrFail({ id: siteId })).name;
  const keyCount = async (clientEventId: string) =>
    Number(
      (
        (await t.db.query('SELECT count(*) AS n FROM idempotency_keys WHERE client_event_id = $1', [
          clientEventId,
        ])) as { n: string }[]
      )[0].n,
    );
  const eventsOfType = async (type: string) =>
    Number(
      (
        (await t.db.query('SELECT count(*) AS n FROM stream_events WHERE type = $1', [type])) as {
          n: string;
        }[]
      )[0].n,
    );
  /** Runs a command that renames the site through a TypeORM repository and appends an event. */
  const rename = (name: string, clientEventId: string, then?: () => Promise<unknown>) =>
    runner.run({ principal: me, command: 'rename_probe', clientEventId }, async (uow) => {
      await uow.tx.getRepository(SiteEntity).save({ id: siteId, name }); // save opens a transaction unless one is active
      uow.append(offContractEvent('rename_probe', siteId, [`site:${siteId}:staff`], { name }));
      await then?.();
      return { name };
    });

  class RenamedProbe extends CommittedEvent {
    constructor(readonly name: string) {
      super();
    }
  }
  /** Renames like `rename`, and raises RenamedProbe for its event. */
  const renameRaising = (name: string, clientEventId: string, then?: () => Promise<unknown>) =>
    runner.run({ principal: me, command: 'rename_raise_probe', clientEventId }, async (uow) => {
      await uow.tx.getRepository(SiteEntity).save({ id: siteId, name });
      const appended = uow.append(
        offContractEvent('rename_probe', siteId, [`site:${siteId}:staff`], { name }),
      );
      uow.raise(new RenamedProbe(name), appended);
      await then?.();
      return { name };
    });

  /**
   * Records what the transaction's connection writes to its socket, one Buffer per write (system
   * call), until the returned stop (which also puts the stream back as it was).
   */
  const recordWrites = async (uow: UnitOfWork) => {
    const client = (await uow.tx.queryRunner!.connect()) as PoolClient; // the transaction's connection
    type Chunk = { chunk: Buffer };
    const stream = client.connection.stream as Duplex & {
      _write: (chunk: Buffer, ...rest: unknown[]) => void;
      _writev: (chunks: Chunk[], ...rest: unknown[]) => void;
    };
    const writes: Buffer[] = [];
    const [write, writev] = [stream._write, stream._writev];
    stream._write = function (chunk, ...rest) {
      writes.push(Buffer.from(chunk));
      return write.call(this, chunk, ...rest);
    };
    stream._writev = function (chunks, ...rest) {
      writes.push(Buffer.concat(chunks.map((c) => c.chunk)));
      return writev.call(this, chunks, ...rest);
    };
    return () => {
      delete (stream as Partial<typeof stream>)._write;
      delete (stream as Partial<typeof stream>)._writev;
      return writes;
    };
  };

  /**
   * Hands PostgreSQL's answers on the transaction's connection to node-postgres one protocol
   * message per read, a macrotask apart, until the returned stop: as a loaded network may split
   * them. An ErrorResponse then reaches the work before the ReadyForQuery that says the
   * transaction is aborted.
   */
  const readOneMessageAtATime = async (uow: UnitOfWork) => {
    const client = (await uow.tx.queryRunner!.connect()) as PoolClient;
    const stream = client.connection.stream as Duplex;
    const emit = stream.emit;
    let held = Buffer.alloc(0);
    let delivered = Promise.resolve();
    stream.emit = function (event: string | symbol, ...args: unknown[]) {
      if (event !== 'data') return emit.call(this, event, ...args);
      held = Buffer.concat([held, args[0] as Buffer]);
      // each message: a type byte, then an int32 length that counts itself and the body
      while (held.length >= 5 && held.length >= 1 + held.readInt32BE(1)) {
        const message = held.subarray(0, 1 + held.readInt32BE(1));
        held = held.subarray(message.length);
        delivered = delivered
          .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
          .then(() => void emit.call(this, 'data', message));
      }
      return true;
    };
    // what was read stays in order: the stream is put back once everything held is handed on
    return () =>
      void delivered.then(() => {
        if (held.length === 0) delete (stream as Partial<Duplex>).emit;
      });
  };

  beforeAll(async () => {
    t = await startTestApp({ FAST_PATH: fastPath });
    runner = t.app.get(CommandRunner);
    siteId = await createSite(t, 'Original');
    const user = await createUser(t, 'supervisor', [siteId]);
    me = { userId: user.id, role: 'supervisor', name: user.name, siteIds: [siteId] };
  }, 30_000);
  afterAll(() => t.close(), 30_000);

  it('commits the work, its events and the stored result together, and a retry replays it', async () => {
    const key = randomUUID();
    const first = await rename('Renamed once', key);
    expect(first).toMatchObject({ result: { name: 'Renamed once' }, replayed: false });
    expect(first.envelopes).toEqual([
      expect.objectContaining({ type: 'rename_probe', seq: expect.any(Number) }),
    ]);
    expect(await siteName()).toBe('Renamed once');

    const retry = await rename('Renamed twice', key);
    expect(retry).toMatchObject({ result: { name: 'Renamed once' }, replayed: true, envelopes: [] });
    expect(await siteName()).toBe('Renamed once');
    expect(await keyCount(key)).toBe(1);
  });

  it('publishes a raised event once, after commit, with its envelopes: never for a retry or failed work', async () => {
    const heard: RenamedProbe[] = [];
    const subscription = t.app.get(EventBus).subscribe((e: IEvent) => {
      if (e instanceof RenamedProbe) heard.push(e);
    });
    try {
      const key = randomUUID();
      let committed = false;
      const first = await renameRaising('Raised once', key, async () => {
        expect(heard).toEqual([]); // not while the transaction is open
        committed = true;
      });
      expect(committed).toBe(true);
      expect(heard.map((e) => e.name)).toEqual(['Raised once']);
      expect(heard[0].envelopes).toEqual(first.envelopes);
      expect(heard[0].envelopes).toHaveLength(1);

      const retry = await renameRaising('Raised twice', key);
      expect(retry.replayed).toBe(true);
      await expect(
        renameRaising('Never raised', randomUUID(), () => Promise.reject(new Error('rule refused'))),
      ).rejects.toThrow('rule refused');
      expect(heard.map((e) => e.name)).toEqual(['Raised once']);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('work that throws after a repository write leaves nothing: TypeORM wrote inside our transaction', async () => {
    const before = await siteName();
    const events = await eventsOfType('rename_probe');
    const key = randomUUID();
    await expect(
      rename('Never stored', key, () => Promise.reject(new Error('rule refused'))),
    ).rejects.toThrow('rule refused');
    expect(await siteName()).toBe(before);
    expect(await eventsOfType('rename_probe')).toBe(events);
    expect(await keyCount(key)).toBe(0); // the claim rolled back too: the client may retry
  });

  it('a failing final statement rolls back everything, though COMMIT was already sent behind it', async () => {
    const before = await siteName();
    const key = randomUUID();
    await expect(
      runner.run({ principal: me, command: 'rename_probe', clientEventId: key }, async (uow) => {
        await uow.tx.getRepository(SiteEntity).update({ id: siteId }, { name: 'Never stored' });
        uow.defer('INSERT INTO no_such_table_probe (id) VALUES ($1)', [randomUUID()]);
        return {};
      }),
    ).rejects.toThrow(/no_such_table_probe/);
    expect(await siteName()).toBe(before);
    expect(await keyCount(key)).toBe(0);
  });

  it('a statement error swallowed by the work is not taken for a commit', async () => {
    const before = await siteName();
    const renameThenSwallow = async (uow: UnitOfWork) => {
      await uow.tx.getRepository(SiteEntity).update({ id: siteId }, { name: 'Never stored' });
      const stop = await readOneMessageAtATime(uow);
      try {
        await uow.tx.query('SELECT * FROM no_such_table_probe').catch(() => undefined);
      } finally {
        stop();
      }
      return {};
    };
    // with a final statement (the stored result), that statement fails on the aborted transaction
    const key = randomUUID();
    await expect(
      runner.run({ principal: me, command: 'rename_probe', clientEventId: key }, renameThenSwallow),
    ).rejects.toThrow(/current transaction is aborted/);
    expect(await keyCount(key)).toBe(0);
    // without one, COMMIT alone answers ROLLBACK, which is refused as a commit
    await expect(runner.runSystem(renameThenSwallow)).rejects.toBeInstanceOf(TransactionAbortedError);
    expect(await siteName()).toBe(before);
  });

  it('every pooled connection is back to idle and usable after failures', async () => {
    const failures = Array.from({ length: 30 }, (_, i) =>
      rename(`fail ${i}`, randomUUID(), () => Promise.reject(new Error('boom'))).catch(() => 'failed'),
    );
    expect(new Set(await Promise.all(failures))).toEqual(new Set(['failed']));
    const ok = await Promise.all(
      Array.from({ length: 30 }, (_, i) => rename(`ok ${i}`, randomUUID()).then((o) => o.replayed)),
    );
    expect(ok.every((replayed) => replayed === false)).toBe(true);
    // The timer poller's own transactions are idle in transaction for an instant: wait them out.
    await pollUntil(async () => {
      const [{ open }] = (await t.db.query(
        `SELECT count(*)::int AS open FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      )) as { open: number }[];
      return open === 0;
    });
  });

  it('a final statement node-postgres refuses to send is never followed by COMMIT', async () => {
    const before = await siteName();
    const key = randomUUID();
    const unserialisable = {
      toPostgres: () => {
        throw new Error('cannot serialise');
      },
    };
    await expect(
      runner.run({ principal: me, command: 'rename_probe', clientEventId: key }, async (uow) => {
        await uow.tx.getRepository(SiteEntity).save({ id: siteId, name: 'Never stored' });
        // the types forbid it; the driver's refusal is the second line of defence under test
        uow.defer('UPDATE sites SET name = $2 WHERE id = $1', [
          siteId,
          unserialisable as unknown as SqlValue,
        ]);
        return {};
      }),
    ).rejects.toThrow('cannot serialise');
    expect(await siteName()).toBe(before);
    expect(await keyCount(key)).toBe(0);
    // the pool still serves commands (the suspect connection was dropped, not reused)
    const ok = await Promise.all(Array.from({ length: 25 }, () => rename(before, randomUUID())));
    expect(ok.every((o) => !o.replayed)).toBe(true);
  });

  it('a prefetched statement hands its rows to the work; a replay skips the work; if it fails, nothing stays', async () => {
    const current = await siteName();
    const key = randomUUID();
    const lockSite = preparedQuery('SELECT name FROM sites WHERE id = $1 FOR UPDATE', [siteId]);
    const seen = await runner.run<string, { name: string }>(
      { principal: me, command: 'rename_probe', clientEventId: key, prefetch: lockSite },
      async (_uow, rows) => rows[0].name,
    );
    expect(seen.result).toBe(current);
    // a retry replays the stored result; the work does not run again
    let ranAgain = 0;
    const work = async () => `ran again ${++ranAgain}`;
    expect(
      (
        await runner.run(
          { principal: me, command: 'rename_probe', clientEventId: key, prefetch: lockSite },
          work,
        )
      ).result,
    ).toBe(current);
    expect(ranAgain).toBe(0);

    const failing = randomUUID();
    await expect(
      runner.run(
        {
          principal: me,
          command: 'rename_probe',
          clientEventId: failing,
          prefetch: preparedQuery('SELECT * FROM no_such_table_probe', []),
        },
        async () => 'never',
      ),
    ).rejects.toThrow(/no_such_table_probe/);
    expect(await keyCount(failing)).toBe(0);
  });

  it('the final statement and COMMIT leave in one socket write (in two without the fast path)', async () => {
    let stop: (() => Buffer[]) | undefined;
    let writes: Buffer[] = [];
    try {
      const outcome = await runner.run(
        { principal: me, command: 'write_probe', clientEventId: randomUUID() },
        async (uow) => {
          uow.append(offContractEvent('write_probe', siteId, [`site:${siteId}:staff`], {}));
          stop = await recordWrites(uow);
          return { probed: true };
        },
      );
      expect(outcome.envelopes).toHaveLength(1);
    } finally {
      writes = stop?.() ?? [];
    }
    // The first COMMIT after the work is this transaction's (the connection may serve others after
    // it is released). Its write also holds the final statement, up to its Sync ('S', length 4):
    // node-postgres alone sends that statement in one write and COMMIT in a second, on its own.
    const commit = writes.find((w) => w.includes('COMMIT'));
    expect(commit).toBeDefined();
    const sync = commit!.indexOf(Buffer.from([0x53, 0, 0, 0, 4]));
    if (fastPath === 'off') return void expect(sync).toBe(-1);
    expect(sync).toBeGreaterThanOrEqual(0);
    expect(sync).toBeLessThan(commit!.indexOf('COMMIT'));
  });

  it('system work without an idempotency key commits the same way', async () => {
    const outcome = await runner.runSystem(async (uow) => {
      await uow.tx.getRepository(SiteEntity).update({ id: siteId }, { name: 'By the system' });
      return 'done';
    });
    expect(outcome).toMatchObject({ result: 'done', envelopes: [], replayed: false });
    expect(await siteName()).toBe('By the system');
  });
});
