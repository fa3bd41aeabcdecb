import type { Principal } from '#core';
import type { EntityManager } from 'typeorm';
import { panicSiteOf } from './panic-site.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const guard = (siteIds: string[]): Principal => ({ userId: 'g', role: 'guard', name: 'G', siteIds });
const tx = (shiftSite?: string) =>
  ({ query: async () => (shiftSite ? [{ id: 's', site_id: shiftSite }] : []) }) as unknown as EntityManager;

describe('panicSiteOf', () => {
  it('prefers the site of the active shift over the payload', async () => {
    await expect(panicSiteOf(tx(A), guard([A, B]), B)).resolves.toBe(A);
  });
  it('uses the payload when off shift, else the only site', async () => {
    await expect(panicSiteOf(tx(), guard([A, B]), B)).resolves.toBe(B);
    await expect(panicSiteOf(tx(), guard([A]))).resolves.toBe(A);
  });
  it('asks for a siteId when the guard works several sites', async () => {
    await expect(panicSiteOf(tx(), guard([A, B]))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
  it('refuses guards without a site and sites they are not assigned to', async () => {
    await expect(panicSiteOf(tx(), guard([]))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(panicSiteOf(tx(), guard([A]), B)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(panicSiteOf(tx(B), guard([A]))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
