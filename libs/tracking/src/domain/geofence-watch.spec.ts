import { geofenceTransition } from './geofence-watch.js';

describe('geofence transitions', () => {
  it('breaches once per exit and re-arms on re-entry', () => {
    const path = [true, false, false, false, true, true, false, false];
    let inside: boolean | undefined;
    const breaches = path.map((now) => {
      const t = geofenceTransition(inside, now);
      inside = t.inside;
      return t.breach;
    });
    expect(breaches).toEqual([false, true, false, false, false, false, true, false]);
  });
  it('breaches on the first fix when it is already outside', () => {
    expect(geofenceTransition(undefined, false)).toEqual({ inside: false, breach: true });
    expect(geofenceTransition(undefined, true)).toEqual({ inside: true, breach: false });
  });
});
