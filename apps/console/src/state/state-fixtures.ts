import type { LocationPoint } from '#client';
import { initialState, type ConsoleState } from './console-state.js';

/** Unit spec helpers: a fresh state on a selected site, a location fix. */
export const onSite = (siteId = 'A'): ConsoleState => ({ ...initialState(), siteId });

export const point = (userId: string, recordedAt: string): LocationPoint => ({
  userId,
  lat: 1,
  lng: 2,
  accuracy: null,
  heading: null,
  speed: null,
  batteryLevel: null,
  recordedAt,
});
