import { createRootLogger } from '../logging/logger.js';
import type { EmbeddedDatabase } from './embedded-postgres.js';
import { superviseEmbedded } from './embedded-supervisor.js';

type Exit = { code: number | null; signal: string | null };

/** A cluster whose restarts fail `failures` times, then succeed; `die()` plays a killed postmaster. */
function fakeCluster(failures: number) {
  let listener: ((exit: Exit) => void) | undefined;
  const calls = { restarts: 0 };
  const db = {
    onUnexpectedExit: (l: (exit: Exit) => void) => void (listener = l),
    restart: () =>
      ++calls.restarts <= failures ? Promise.reject(new Error('shared memory in use')) : Promise.resolve(),
  } as unknown as EmbeddedDatabase;
  return { db, calls, die: () => listener!({ code: null, signal: 'SIGKILL' }) };
}

const log = createRootLogger('silent');

describe('superviseEmbedded', () => {
  it('restarts a dead cluster, retrying failed attempts', async () => {
    const { db, calls, die } = fakeCluster(2);
    const exits: number[] = [];
    let restarted!: () => void;
    const done = new Promise<void>((resolve) => (restarted = resolve));
    const watched = { ...db, restart: () => db.restart().then(restarted) } as EmbeddedDatabase;
    superviseEmbedded(watched, { maxRestarts: 5, log, exit: (c) => exits.push(c), backoffMs: () => 0 });
    die();
    await done;
    expect(calls.restarts).toBe(3);
    expect(exits).toEqual([]);
  });

  it('exits with code 1 once the attempts within the window are spent', async () => {
    const { db, calls, die } = fakeCluster(Infinity);
    const exited = new Promise<number>((resolve) =>
      superviseEmbedded(db, { maxRestarts: 3, log, exit: resolve, backoffMs: () => 0 }),
    );
    die();
    expect(await exited).toBe(1);
    expect(calls.restarts).toBe(3);
  });

  it('exits at once with no restarts allowed', async () => {
    const { db, calls, die } = fakeCluster(0);
    const exited = new Promise<number>((resolve) =>
      superviseEmbedded(db, { maxRestarts: 0, log, exit: resolve, backoffMs: () => 0 }),
    );
    die();
    expect(await exited).toBe(1);
    expect(calls.restarts).toBe(0);
  });
});
