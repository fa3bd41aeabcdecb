/**
 * Geofence transitions of a guard on shift: a breach when a fix is outside while the guard was
 * inside or not yet known (armed); further outside fixes stay silent until a fix inside re-arms.
 */
export function geofenceTransition(
  wasInside: boolean | undefined,
  isInside: boolean,
): { inside: boolean; breach: boolean } {
  return { inside: isInside, breach: !isInside && wasInside !== false };
}
