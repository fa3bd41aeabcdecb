export interface LatLng {
  lat: number;
  lng: number;
}
export interface CircleGeofence {
  center: LatLng;
  radiusM: number;
}
/** GeoJSON Polygon: rings of [lng, lat] positions, the first ring the outer boundary. */
export interface PolygonGeofence {
  type: 'Polygon';
  coordinates: number[][][];
}
export type Geofence = CircleGeofence | PolygonGeofence;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance in metres; accurate to ~0.5% which is far below GPS error. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Ray casting on one ring of [lng, lat] positions. */
function insideRing(p: LatLng, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function isPolygon(g: Geofence): g is PolygonGeofence {
  return (g as PolygonGeofence).type === 'Polygon';
}

/** Inside the outer ring and outside every hole; for a circle, within radius. */
export function isInsideGeofence(p: LatLng, g: Geofence): boolean {
  if (isPolygon(g)) {
    const [outer, ...holes] = g.coordinates;
    return insideRing(p, outer) && !holes.some((h) => insideRing(p, h));
  }
  return distanceMeters(p, g.center) <= g.radiusM;
}

/** A representative point of the geofence (centre, or average of the outer ring's vertices). */
export function geofenceCenter(g: Geofence): LatLng {
  if (!isPolygon(g)) return g.center;
  const ring = g.coordinates[0].slice(0, -1);
  const sum = ring.reduce((acc, [lng, lat]) => ({ lat: acc.lat + lat, lng: acc.lng + lng }), {
    lat: 0,
    lng: 0,
  });
  return { lat: sum.lat / ring.length, lng: sum.lng / ring.length };
}

/** Structural check for a geofence coming from a client; returns a reason or null when valid. */
export function geofenceProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'geofence must be an object';
  const v = value as Record<string, unknown>;
  const validPos = (lat: unknown, lng: unknown): boolean =>
    typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  if (v.type === 'Polygon') {
    const keys = Object.keys(v).filter((k) => k !== 'type' && k !== 'coordinates');
    if (keys.length) return `unknown geofence field ${keys[0]}`;
    const rings = v.coordinates;
    if (!Array.isArray(rings) || rings.length < 1 || rings.length > 20) return 'Polygon needs 1 to 20 rings';
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4 || ring.length > 1000)
        return 'each ring needs 4 to 1000 positions';
      for (const pos of ring)
        if (!Array.isArray(pos) || pos.length !== 2 || !validPos(pos[1], pos[0]))
          return 'positions are [lng, lat] in range';
      const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
      if (first[0] !== last[0] || first[1] !== last[1])
        return 'each ring must be closed (first = last position)';
    }
    return null;
  }
  const keys = Object.keys(v).filter((k) => k !== 'center' && k !== 'radiusM');
  if (keys.length) return `unknown geofence field ${keys[0]}`;
  const c = v.center as Record<string, unknown> | undefined;
  if (
    !c ||
    typeof c !== 'object' ||
    !validPos(c.lat, c.lng) ||
    Object.keys(c).some((k) => k !== 'lat' && k !== 'lng')
  )
    return 'center must be { lat in [-90, 90], lng in [-180, 180] }';
  if (typeof v.radiusM !== 'number' || !(v.radiusM > 0) || v.radiusM > 50_000)
    return 'radiusM must be in (0, 50000]';
  return null;
}
