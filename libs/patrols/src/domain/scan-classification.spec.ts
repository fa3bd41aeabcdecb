import { classifyScan, nextExpected, type RouteCheckpoint } from './scan-classification.js';

// Three checkpoints ~111 m apart along a meridian (0.001 deg of latitude), radius 30 m.
const cp = (n: number): RouteCheckpoint => ({
  id: `id-${n}`,
  code: `CP-${n}`,
  location: { lat: 52.52 + n * 0.001, lng: 13.405 },
  radiusM: 30,
});
const route = [cp(1), cp(2), cp(3)];
const at = (n: number, dLat = 0) => ({ lat: 52.52 + n * 0.001 + dLat, lng: 13.405 });

describe('classifyScan', () => {
  it('VALID: the next expected checkpoint, in range', () => {
    const r = classifyScan({ route, counted: [], code: 'CP-1', location: at(1) });
    expect(r).toMatchObject({ result: 'VALID', counts: true, checkpoint: { id: 'id-1' } });
    expect(r.distanceM).toBeLessThan(1);
    expect(classifyScan({ route, counted: ['id-1'], code: 'CP-2', location: at(2) }).result).toBe('VALID');
  });

  it('VALID without a location: the tag scan itself proves presence', () => {
    expect(classifyScan({ route, counted: [], code: 'CP-1' })).toMatchObject({
      result: 'VALID',
      distanceM: null,
    });
  });

  it('trims the scanned code', () => {
    expect(classifyScan({ route, counted: [], code: '  CP-1 ' }).result).toBe('VALID');
  });

  it('OUT_OF_ORDER: a route checkpoint that is not the next expected one still counts', () => {
    expect(classifyScan({ route, counted: [], code: 'CP-3', location: at(3) })).toMatchObject({
      result: 'OUT_OF_ORDER',
      counts: true,
    });
    // after 1 and 3, checkpoint 2 is the next expected one again
    expect(classifyScan({ route, counted: ['id-1', 'id-3'], code: 'CP-2' }).result).toBe('VALID');
  });

  it('OUT_OF_RANGE: farther than the radius (about 44 m away with radius 30)', () => {
    const r = classifyScan({ route, counted: [], code: 'CP-1', location: at(1, 0.0004) });
    expect(r).toMatchObject({ result: 'OUT_OF_RANGE', counts: false });
    expect(r.distanceM).toBeGreaterThan(40);
    // on the edge (about 22 m) is in range
    expect(classifyScan({ route, counted: [], code: 'CP-1', location: at(1, 0.0002) }).result).toBe('VALID');
  });

  it('OUT_OF_RANGE wins over OUT_OF_ORDER, and an out-of-range checkpoint can be scanned again', () => {
    expect(classifyScan({ route, counted: [], code: 'CP-3', location: at(1) }).result).toBe('OUT_OF_RANGE');
    expect(classifyScan({ route, counted: [], code: 'CP-3', location: at(3) }).result).toBe('OUT_OF_ORDER');
  });

  it('DUPLICATE: already counted in this run, wherever the phone is', () => {
    expect(classifyScan({ route, counted: ['id-1'], code: 'CP-1', location: at(1) })).toMatchObject({
      result: 'DUPLICATE',
      counts: false,
    });
    expect(classifyScan({ route, counted: ['id-1'], code: 'CP-1', location: at(3) }).result).toBe(
      'DUPLICATE',
    );
  });

  it('UNKNOWN_CHECKPOINT: a code not on this route (codes are case sensitive)', () => {
    expect(classifyScan({ route, counted: [], code: 'CP-9' })).toEqual({
      result: 'UNKNOWN_CHECKPOINT',
      checkpoint: null,
      distanceM: null,
      counts: false,
    });
    expect(classifyScan({ route, counted: [], code: 'cp-1' }).result).toBe('UNKNOWN_CHECKPOINT');
  });
});

describe('nextExpected', () => {
  it('is the first checkpoint of the route not counted yet', () => {
    expect(nextExpected(route, [])?.id).toBe('id-1');
    expect(nextExpected(route, ['id-1', 'id-3'])?.id).toBe('id-2');
    expect(nextExpected(route, ['id-1', 'id-2', 'id-3'])).toBeNull();
  });
});
