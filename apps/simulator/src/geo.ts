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
