import { isInsideGeofence, type Geofence } from '#core';
import { circleInside, randomPointNear } from './geo.js';

describe('circleInside', () => {
  // A long thin site (about 400 m by 100 m), where the first corner is far outside a circle of it.
  const ring = [
    [4.9, 52.37],
    [4.9059, 52.37],
    [4.9059, 52.3709],
    [4.9, 52.3709],
    [4.9, 52.37],
  ];
  const site: Geofence = { type: 'Polygon', coordinates: [ring] };

  it('is centred inside the polygon and no wider than its nearest edge', () => {
    const { center, radiusM } = circleInside(ring);
    expect(isInsideGeofence(center, site)).toBe(true);
    expect(center.lat).toBeCloseTo(52.37045, 6);
    expect(radiusM).toBeGreaterThan(45);
    expect(radiusM).toBeLessThan(55);
  });

  it('keeps every point picked near its centre inside the site', () => {
    const { center, radiusM } = circleInside(ring);
    for (let i = 0; i < 500; i++) expect(isInsideGeofence(randomPointNear(center, radiusM), site)).toBe(true);
  });
});
