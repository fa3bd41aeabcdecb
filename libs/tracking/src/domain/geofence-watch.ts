/**
 * Geofence transitions of a guard on shift: a breach when a fix is outside while the guard was
 * inside or not yet known (armed); further outside fixes stay silent until a fix inside re-arms.
 */
export function geofenceTransition(wasInside: boolean | undefined, isInside: boolean): Transition {
  return isInside ? INSIDE : wasInside !== false ? BREACH : STILL_OUTSIDE;
}

export type Transition = Readonly<{ inside: boolean; breach: boolean }>;
// shared answers: this runs on every accepted fix
const INSIDE: Transition = Object.freeze({ inside: true, breach: false });
const BREACH: Transition = Object.freeze({ inside: false, breach: true });
const STILL_OUTSIDE: Transition = Object.freeze({ inside: false, breach: false });
