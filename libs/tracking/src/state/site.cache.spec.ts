import type { DataSource } from 'typeorm';
import { SiteCache } from './site.cache.js';

const site = { id: 'site-1', name: 'North', geofence: null };

describe('SiteCache', () => {
  it('answers the guards of a site that miss together with one query, then from memory', async () => {
    let queries = 0;
    const cache = new SiteCache({ query: async () => (queries++, [site]) } as unknown as DataSource);
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('site-1', 0)));
    expect(answers.every((a) => a === answers[0])).toBe(true);
    expect(answers[0]).toEqual(site);
    await cache.get('site-1', 29_999);
    expect(queries).toBe(1);
  });

  it('reads the site again once its entry expired, and remembers a missing site', async () => {
    let queries = 0;
    const cache = new SiteCache({ query: async () => (queries++, []) } as unknown as DataSource);
    expect(await cache.get('gone', 0)).toBeNull();
    expect(await cache.get('gone', 1_000)).toBeNull();
    expect(queries).toBe(1);
    await cache.get('gone', 30_001);
    expect(queries).toBe(2);
  });
});
