import type { DataSource } from 'typeorm';
import { ActiveShiftCache } from './active-shift.cache.js';

const row = { id: 'shift-1', site_id: 'site-1', started_received_at: new Date(0) };

describe('ActiveShiftCache', () => {
  it('loads once per miss, then answers from memory', async () => {
    let queries = 0;
    const cache = new ActiveShiftCache({ query: async () => (queries++, [row]) } as unknown as DataSource);
    const [a, b] = await Promise.all([cache.get('g'), cache.get('g')]);
    expect(a).toEqual({ shiftId: 'shift-1', siteId: 'site-1', startedReceivedAt: 0 });
    expect(b).toEqual(a);
    await cache.get('g');
    expect(queries).toBe(1);
  });
  it('keeps a shift event that lands while a load is in flight', async () => {
    let release: (rows: unknown[]) => void = () => undefined;
    const db = { query: () => new Promise((r) => (release = r)) } as unknown as DataSource;
    const cache = new ActiveShiftCache(db);
    const pending = cache.get('g');
    cache.set('g', { shiftId: 'new', siteId: 'site-1', startedReceivedAt: 1 });
    release([]);
    expect(await pending).toMatchObject({ shiftId: 'new' });
    expect(await cache.get('g')).toMatchObject({ shiftId: 'new' });
  });
});
