import { ConcurrencyGate } from './concurrency-gate.js';

/** A task that finishes when told to. */
function controlled() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => done, finish };
}

describe('ConcurrencyGate', () => {
  it('runs up to the concurrency, queues up to the bound, refuses the rest at once', async () => {
    const gate = new ConcurrencyGate({ concurrency: 2, queue: 1, maxWaitMs: 60_000 }, 'busy', 750);
    const tasks = [controlled(), controlled(), controlled()];
    const runs = tasks.map((c) => gate.run(c.task));
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    await expect(gate.run(() => Promise.resolve(1))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
      details: { retryAfterMs: 750 },
    });
    tasks[0].finish();
    await runs[0];
    expect(gate.load).toEqual({ running: 2, waiting: 0 }); // the waiter took the freed slot
    tasks[1].finish();
    tasks[2].finish();
    await Promise.all(runs);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queue: 0, maxWaitMs: 60_000 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('serves waiters in arrival order', async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queue: 3, maxWaitMs: 60_000 });
    const first = controlled();
    const order: number[] = [];
    const all = [gate.run(first.task), ...[1, 2, 3].map((n) => gate.run(async () => void order.push(n)))];
    first.finish();
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });

  it('refuses a waiter whose wait outlasts maxWaitMs, and keeps the queue consistent', async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queue: 2, maxWaitMs: 20 });
    const held = controlled();
    const running = gate.run(held.task);
    const waited = gate.run(() => Promise.resolve('late'));
    await expect(waited).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    held.finish();
    await running;
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
