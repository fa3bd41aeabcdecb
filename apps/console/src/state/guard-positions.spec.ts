import { onSite, point } from './state-fixtures.js';
import { applyLocations, applyPanicFix, isStale } from './guard-positions.js';

describe('guard positions', () => {
  it('moves guards of the selected site only, never back in time, and a fresh fix clears stale', () => {
    let s = applyLocations(onSite('A'), 'B', [point('gB', '2026-01-01T10:00:00.000Z')]);
    expect(s.guards).toEqual({});
    s = applyLocations(s, 'A', [point('g1', '2026-01-01T10:00:05.000Z')]);
    s = { ...s, guards: { g1: { ...s.guards.g1, staleReported: true } } };
    expect(applyLocations(s, 'A', [point('g1', '2026-01-01T10:00:01.000Z')])).toEqual(s);
    s = applyLocations(s, 'A', [point('g1', '2026-01-01T10:00:09.000Z')]);
    expect(s.guards.g1).toMatchObject({
      staleReported: false,
      position: { recordedAt: '2026-01-01T10:00:09.000Z' },
    });
  });

  it("moves a panicking guard's fix only when the guard is on the selected site's map", () => {
    const s = applyLocations(onSite('A'), 'A', [point('g1', '2026-01-01T10:00:00.000Z')]);
    expect(applyPanicFix(s, point('elsewhere', '2026-01-01T10:00:01.000Z'))).toBe(s);
    const moved = applyPanicFix(s, { ...point('g1', '2026-01-01T10:00:01.000Z'), lat: 5 });
    expect(moved.guards.g1.position).toMatchObject({ lat: 5 });
  });

  it('counts a guard stale after the threshold without a fix', () => {
    const g = {
      userId: 'g',
      name: null,
      staleReported: false,
      position: { lat: 0, lng: 0, recordedAt: '2026-01-01T10:00:00.000Z' },
    };
    const at = Date.parse('2026-01-01T10:00:00.000Z');
    expect(isStale(g, 120, at + 119_000)).toBe(false);
    expect(isStale(g, 120, at + 121_000)).toBe(true);
    expect(isStale({ ...g, position: null }, 120, at)).toBe(true);
  });
});
