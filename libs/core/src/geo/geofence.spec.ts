import { distanceMeters, geofenceProblem, isInsideGeofence, type PolygonGeofence } from './geofence.js';

describe('distanceMeters', () => {
  it('matches known geodesic distances', () => {
    // Paris (Notre-Dame) to London (Big Ben): about 343.5 km on the sphere
    const d = distanceMeters({ lat: 48.853, lng: 2.3499 }, { lat: 51.5007, lng: -0.1246 });
    expect(d / 1000).toBeGreaterThan(340);
    expect(d / 1000).toBeLessThan(346);
  });
  it('is ~111.2 km per degree of latitude and zero for the same point', () => {
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
    expect(distanceMeters({ lat: 10, lng: 10 }, { lat: 10, lng: 10 })).toBe(0);
  });
  it('handles the antimeridian', () => {
    expect(distanceMeters({ lat: 0, lng: 179.9995 }, { lat: 0, lng: -179.9995 })).toBeCloseTo(111.2, 0);
  });
});

describe('isInsideGeofence', () => {
  const circle = { center: { lat: 52.52, lng: 13.405 }, radiusM: 100 };
  it('circle: inside at 90 m, outside at 110 m', () => {
    expect(isInsideGeofence({ lat: 52.52 + 90 / 111_195, lng: 13.405 }, circle)).toBe(true);
    expect(isInsideGeofence({ lat: 52.52 + 110 / 111_195, lng: 13.405 }, circle)).toBe(false);
  });
  const square: PolygonGeofence = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [0, 10],
        [10, 10],
        [10, 0],
        [0, 0],
      ],
      [
        [4, 4],
        [4, 6],
        [6, 6],
        [6, 4],
        [4, 4],
      ],
    ],
  };
  it('polygon: inside, outside and in the hole', () => {
    expect(isInsideGeofence({ lat: 2, lng: 2 }, square)).toBe(true);
    expect(isInsideGeofence({ lat: 11, lng: 2 }, square)).toBe(false);
    expect(isInsideGeofence({ lat: 5, lng: 5 }, square)).toBe(false);
  });
});

describe('geofenceProblem', () => {
  it('accepts a circle and a closed polygon', () => {
    expect(geofenceProblem({ center: { lat: 1, lng: 2 }, radiusM: 50 })).toBeNull();
    expect(
      geofenceProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0, 1],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
  });
  it('refuses bad shapes', () => {
    expect(geofenceProblem({ center: { lat: 91, lng: 2 }, radiusM: 50 })).toMatch(/center/);
    expect(geofenceProblem({ center: { lat: 1, lng: 2 }, radiusM: -1 })).toMatch(/radiusM/);
    expect(
      geofenceProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0, 1],
            [1, 1],
            [1, 0],
          ],
        ],
      }),
    ).toMatch(/closed/);
    expect(geofenceProblem({ center: { lat: 1, lng: 2 }, radiusM: 5, extra: 1 })).toMatch(/unknown/);
    expect(geofenceProblem('x')).toMatch(/object/);
  });
});
