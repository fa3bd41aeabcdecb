import { KeyedSerializer } from './keyed-serializer.js';

describe('KeyedSerializer', () => {
  it('runs tasks of one key in order, never two at once, even when one fails', async () => {
    const s = new KeyedSerializer();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running++;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await Promise.resolve();
        log.push(`end ${name}`);
        running--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      s.run('u', task('a')),
      s.run('u', task('b', true)),
      s.run('u', task('c')),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await Promise.resolve();
    expect(s.busyKeys).toBe(0);
  });

  it('runs different keys side by side', async () => {
    const s = new KeyedSerializer();
    let release!: () => void;
    const held = s.run('a', () => new Promise<void>((r) => (release = r)));
    await expect(s.run('b', () => Promise.resolve('b'))).resolves.toBe('b');
    release();
    await held;
  });
});
