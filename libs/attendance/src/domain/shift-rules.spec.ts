import { endTimeProblem, insideGeofenceOf, scheduleProblem } from './shift-rules.js';

const fence = { center: { lat: 52.52, lng: 13.405 }, radiusM: 100 };

describe('shift rules', () => {
  it('computes insideGeofence, null without a location or a geofence', () => {
    expect(insideGeofenceOf({ lat: 52.52, lng: 13.405 }, fence)).toBe(true);
    expect(insideGeofenceOf({ lat: 52.53, lng: 13.405 }, fence)).toBe(false);
    expect(insideGeofenceOf(undefined, fence)).toBeNull();
    expect(insideGeofenceOf({ lat: 1, lng: 1 }, null)).toBeNull();
  });
  it('refuses an end before the start and a schedule ending before it starts', () => {
    expect(endTimeProblem(new Date(2000), new Date(1000))).toMatch(/before/);
    expect(endTimeProblem(new Date(1000), new Date(1000))).toBeNull();
    expect(scheduleProblem(new Date(2000), new Date(2000))).toMatch(/after/);
    expect(scheduleProblem(new Date(1000), new Date(2000))).toBeNull();
  });
});
