import type { Publisher } from '#realtime';
import type { DataSource } from 'typeorm';
import { ActivePanics } from './active-panics.service.js';

/** A database whose one read answers when the test says, with the rows the test gives. */
function slowDb() {
  let answer!: (rows: { guardId: string; panicId: string }[]) => void;
  const db = { query: () => new Promise((resolve) => (answer = resolve)) } as unknown as DataSource;
  return { db, answer: (rows: { guardId: string; panicId: string }[]) => answer(rows) };
}

const publisher = { onControl: () => undefined, toOtherNodes: () => undefined } as unknown as Publisher;

describe('ActivePanics', () => {
  it('keeps a panic raised while the re-read was in flight, and drops one resolved meanwhile', async () => {
    const { db, answer } = slowDb();
    const panics = new ActivePanics(db, publisher);
    panics.changed('g-old', 'p-old');
    const booting = panics.onApplicationBootstrap();
    panics.changed('g-new', 'p-new'); // committed after the read's snapshot
    panics.changed('g-old', null); // resolved after it too
    answer([{ guardId: 'g-old', panicId: 'p-old' }]);
    await booting;
    panics.onApplicationShutdown();
    expect(panics.of('g-new')).toBe('p-new');
    expect(panics.of('g-old')).toBeUndefined();
  });

  it('takes the database’s word for changes it did not hear about', async () => {
    const { db, answer } = slowDb();
    const panics = new ActivePanics(db, publisher);
    panics.changed('g-gone', 'p-gone');
    const booting = panics.onApplicationBootstrap();
    answer([{ guardId: 'g-elsewhere', panicId: 'p-elsewhere' }]);
    await booting;
    panics.onApplicationShutdown();
    expect(panics.of('g-elsewhere')).toBe('p-elsewhere');
    expect(panics.of('g-gone')).toBeUndefined();
  });
});
