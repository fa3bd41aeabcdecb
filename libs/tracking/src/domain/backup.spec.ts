import { backupCandidates } from './backup.js';

const PANIC = { lat: 52.52, lng: 13.405 };
/** About 111 m per 0.001 degree of latitude. */
const north = (m: number) => ({ lat: PANIC.lat + m / 111_195, lng: PANIC.lng });

describe('backupCandidates', () => {
  it('asks guards within the radius, nearest first, never the raiser or a guard without a position', () => {
    const out = backupCandidates(
      PANIC,
      [
        { userId: 'far', location: north(800) },
        { userId: 'mid', location: north(300) },
        { userId: 'raiser', location: north(0) },
        { userId: 'near', location: north(50) },
        { userId: 'unknown', location: null },
      ],
      500,
      'raiser',
    );
    expect(out.map((c) => c.userId)).toEqual(['near', 'mid']);
    expect(out[0].distanceM).toBeGreaterThanOrEqual(49);
    expect(out[0].distanceM).toBeLessThanOrEqual(51);
  });

  it('includes a guard exactly at the radius and orders ties by id', () => {
    const out = backupCandidates(
      PANIC,
      [
        { userId: 'b', location: north(100) },
        { userId: 'a', location: north(100) },
      ],
      100,
      'raiser',
    );
    expect(out.map((c) => c.userId)).toEqual(['a', 'b']);
  });
});
