import type { DataSource } from 'typeorm';
import type { Publisher } from '#realtime';
import { ActiveShiftCache, REVALIDATE_EVERY_MS } from './active-shift.cache.js';

const row = { id: 'shift-1', site_id: 'site-1', started_received_at: new Date(0) };

/** Records what the cache tells other nodes, and lets a test deliver their messages. */
function cluster() {
  const sent: unknown[][] = [];
  const handlers = new Map<string, (...a: unknown[]) => void>();
  const publisher = {
    onControl: (event: string, h: (...a: unknown[]) => void) => handlers.set(event, h),
    toOtherNodes: (...args: unknown[]) => sent.push(args),
  } as unknown as Publisher;
  return { publisher, sent, deliver: (event: string, ...a: unknown[]) => handlers.get(event)!(...a) };
}

describe('ActiveShiftCache', () => {
  it('loads once per miss, then answers from memory', async () => {
    let queries = 0;
    const cache = new ActiveShiftCache(
      { query: async () => (queries++, [row]) } as unknown as DataSource,
      cluster().publisher,
    );
    const [a, b] = await Promise.all([cache.get('g'), cache.get('g')]);
    expect(a).toEqual({ shiftId: 'shift-1', siteId: 'site-1', startedReceivedAt: 0 });
    expect(b).toEqual(a);
    await cache.get('g');
    expect(queries).toBe(1);
  });
  it('keeps a shift event that lands while a load is in flight', async () => {
    let release: (rows: unknown[]) => void = () => undefined;
    const db = { query: () => new Promise((r) => (release = r)) } as unknown as DataSource;
    const cache = new ActiveShiftCache(db, cluster().publisher);
    const pending = cache.get('g');
    cache.set('g', { shiftId: 'new', siteId: 'site-1', startedReceivedAt: 1 });
    release([]);
    expect(await pending).toMatchObject({ shiftId: 'new' });
    expect(await cache.get('g')).toMatchObject({ shiftId: 'new' });
  });
  it('tells other nodes about a shift change, and forgets an entry when another node says so', async () => {
    let queries = 0;
    const c = cluster();
    const cache = new ActiveShiftCache(
      { query: async () => (queries++, [row]) } as unknown as DataSource,
      c.publisher,
    );
    cache.onModuleInit();
    cache.changed('g', null);
    expect(c.sent).toEqual([['ps:shift-changed', 'g']]);
    expect(await cache.get('g')).toBeNull();
    c.deliver('ps:shift-changed', 'g');
    expect(await cache.get('g')).toMatchObject({ shiftId: 'shift-1' });
    expect(queries).toBe(1);
  });
});

describe('ActiveShiftCache revalidation', () => {
  const shift = (id: string) => ({ shiftId: id, siteId: 'site-1', startedReceivedAt: 0 });
  /** A database that answers the bulk re-read from `onShift` and counts single-guard reads. */
  function db(onShift: Record<string, string>) {
    const calls = { bulk: [] as string[][], single: 0 };
    const query = async (sql: string, [ids]: [string | string[]]) => {
      if (!Array.isArray(ids)) return (calls.single++, onShift[ids] ? [{ ...row, id: onShift[ids] }] : []);
      calls.bulk.push(ids);
      return ids.filter((g) => onShift[g]).map((g) => ({ ...row, guard_id: g, id: onShift[g] }));
    };
    return { calls, source: { query } as unknown as DataSource };
  }

  it('re-reads every on-shift answer in one query and applies a shift that ended unseen', async () => {
    const { calls, source } = db({ a: 'shift-a' });
    const cache = new ActiveShiftCache(source, cluster().publisher);
    cache.set('a', shift('shift-a'), 0);
    cache.set('b', shift('shift-b'), 0);
    cache.set('off', null, 0);
    await cache.revalidate(1_000);
    expect(calls.bulk).toEqual([['a', 'b']]);
    expect(await cache.get('a', 2_000)).toMatchObject({ shiftId: 'shift-a' });
    expect(await cache.get('b', 2_000)).toBeNull();
    expect(calls.single).toBe(0);
  });

  it('keeps an answer that a shift event changed while the re-read was in flight', async () => {
    let release: (rows: unknown[]) => void = () => undefined;
    const source = { query: () => new Promise((r) => (release = r)) } as unknown as DataSource;
    const cache = new ActiveShiftCache(source, cluster().publisher);
    cache.set('g', shift('old'), 0);
    const pending = cache.revalidate(1_000);
    cache.set('g', shift('new'), 1_000);
    release([]);
    await pending;
    expect(await cache.get('g', 1_500)).toMatchObject({ shiftId: 'new' });
  });

  it('trusts a confirmed answer between re-reads, and reads a guard alone once they stop', async () => {
    const { calls, source } = db({ g: 'shift-g' });
    const cache = new ActiveShiftCache(source, cluster().publisher);
    cache.set('g', shift('shift-g'), 0);
    await cache.get('g', REVALIDATE_EVERY_MS + 1);
    expect(calls.single).toBe(0);
    await cache.get('g', 2 * REVALIDATE_EVERY_MS + 1);
    expect(calls.single).toBe(1);
  });

  it('drops guards no fix asked about lately', async () => {
    const { calls, source } = db({ quiet: 'shift-q', busy: 'shift-b' });
    const cache = new ActiveShiftCache(source, cluster().publisher);
    cache.set('quiet', shift('shift-q'), 0);
    cache.set('busy', shift('shift-b'), 0);
    await cache.get('busy', 2 * REVALIDATE_EVERY_MS - 1);
    await cache.revalidate(2 * REVALIDATE_EVERY_MS + 1);
    expect(calls.bulk).toEqual([['busy']]);
    expect(cache['generation'].has('quiet')).toBe(false);
    await cache.get('quiet', 2 * REVALIDATE_EVERY_MS + 2);
    expect(calls.single).toBe(1);
  });
});
