import { InFlight } from './in-flight.js';

describe('InFlight', () => {
  it('shares one read between concurrent asks of a key, and not across keys', async () => {
    const reads: string[] = [];
    const inFlight = new InFlight<string, string>();
    const read = (key: string) => () => (reads.push(key), Promise.resolve(key.toUpperCase()));
    const answers = await Promise.all([
      inFlight.run('a', read('a')),
      inFlight.run('a', read('a')),
      inFlight.run('b', read('b')),
    ]);
    expect(answers).toEqual(['A', 'A', 'B']);
    expect(reads).toEqual(['a', 'b']);
  });

  it('forgets a read once it settled, failed or not', async () => {
    const inFlight = new InFlight<string, number>();
    const failing = inFlight.run('k', () => Promise.reject(new Error('down')));
    expect(inFlight.has('k')).toBe(true);
    await expect(failing).rejects.toThrow('down');
    expect(inFlight.has('k')).toBe(false);
    expect(await inFlight.run('k', () => Promise.resolve(2))).toBe(2);
  });
});
