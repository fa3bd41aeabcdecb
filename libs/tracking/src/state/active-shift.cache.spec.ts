import type { DataSource } from 'typeorm';
import type { Publisher } from '../../../realtime/src/index.js';
import { ActiveShiftCache } from './active-shift.cache.js';

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
