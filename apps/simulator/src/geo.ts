export interface LatLng {
  lat: number;
  lng: number;
}
const M_PER_DEG = 111_320;

export function distanceM(a: LatLng, b: LatLng): number {
  const dy = (b.lat - a.lat) * M_PER_DEG;
  const dx = (b.lng - a.lng) * M_PER_DEG * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** Moves from `a` toward `b` by at most `meters`, with a little GPS noise. */
export function stepToward(a: LatLng, b: LatLng, meters: number, noiseM = 2): LatLng {
  const d = distanceM(a, b);
  const f = d <= meters ? 1 : meters / d;
  const noise = () => ((Math.random() - 0.5) * 2 * noiseM) / M_PER_DEG;
  return { lat: a.lat + (b.lat - a.lat) * f + noise(), lng: a.lng + (b.lng - a.lng) * f + noise() };
}

/** A random point within `radiusM * share` of the centre. */
export function randomPointNear(c: LatLng, radiusM: number, share = 0.5): LatLng {
  const r = Math.sqrt(Math.random()) * radiusM * share;
  const t = Math.random() * 2 * Math.PI;
  return {
    lat: c.lat + (r * Math.sin(t)) / M_PER_DEG,
    lng: c.lng + (r * Math.cos(t)) / (M_PER_DEG * Math.cos((c.lat * Math.PI) / 180)),
  };
}

/**
 * A circle inside a convex polygon geofence (GeoJSON ring of [lng, lat]): centred on the mean of
 * its corners, as wide as the nearest edge, so points picked near the centre stay inside the site.
 * (The mean of an L- or U-shaped site's corners can lie outside it; the demo's sites are convex.)
 */
export function circleInside(ring: readonly (readonly number[])[]): { center: LatLng; radiusM: number } {
  const corners =
    ring.length > 1 && ring[0].join() === ring[ring.length - 1].join() ? ring.slice(0, -1) : ring;
  const center = {
    lat: corners.reduce((sum, p) => sum + p[1], 0) / corners.length,
    lng: corners.reduce((sum, p) => sum + p[0], 0) / corners.length,
  };
  const toXY = (p: readonly number[]) => ({
    x: (p[0] - center.lng) * M_PER_DEG * Math.cos((center.lat * Math.PI) / 180),
    y: (p[1] - center.lat) * M_PER_DEG,
  });
  let radiusM = Infinity;
  for (let i = 0; i < corners.length; i++) {
    const a = toXY(corners[i]);
    const b = toXY(corners[(i + 1) % corners.length]);
    const len2 = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
    const t = len2 ? Math.max(0, Math.min(1, -(a.x * (b.x - a.x) + a.y * (b.y - a.y)) / len2)) : 0;
    radiusM = Math.min(radiusM, Math.hypot(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)));
  }
  return { center, radiusM };
}
