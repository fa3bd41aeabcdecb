import type { Principal } from '#core';
import { panicSiteOf } from './panic-site.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const guard = (siteIds: string[]): Principal => ({ userId: 'g', role: 'guard', name: 'G', siteIds });

/** The code of the AppError `fn` throws. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

describe('panicSiteOf', () => {
  it('prefers the site of the active shift over the payload', () => {
    expect(panicSiteOf(A, guard([A, B]), B)).toBe(A);
  });
  it('uses the payload when off shift, else the only site', () => {
    expect(panicSiteOf(undefined, guard([A, B]), B)).toBe(B);
    expect(panicSiteOf(undefined, guard([A]))).toBe(A);
  });
  it('asks for a siteId when the guard works several sites', () => {
    expect(codeOf(() => panicSiteOf(undefined, guard([A, B])))).toBe('VALIDATION_FAILED');
  });
  it('refuses guards without a site and sites they are not assigned to', () => {
    expect(codeOf(() => panicSiteOf(undefined, guard([])))).toBe('FORBIDDEN');
    expect(codeOf(() => panicSiteOf(undefined, guard([A]), B))).toBe('FORBIDDEN');
    expect(codeOf(() => panicSiteOf(B, guard([A])))).toBe('FORBIDDEN');
  });
});
