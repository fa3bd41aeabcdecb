import { distanceMeters, type LatLng } from '#core';

import type { ScanResult } from '#contract';

// The result list is the contract's (libs/contract/src/vocabulary.ts).
export { SCAN_RESULTS, type ScanResult } from '#contract';

export interface RouteCheckpoint {
  id: string;
  code: string;
  location: LatLng;
  radiusM: number;
}

export interface ScanInput<T extends RouteCheckpoint = RouteCheckpoint> {
  /** The route's checkpoints in walking order. */
  route: readonly T[];
  /** Checkpoints already counted in this run. */
  counted: readonly string[];
  code: string;
  /** Where the phone was; without it the tag scan itself is taken as proof of presence. */
  location?: LatLng;
}

export interface ScanClassification<T extends RouteCheckpoint = RouteCheckpoint> {
  result: ScanResult;
  checkpoint: T | null;
  distanceM: number | null;
  /** VALID and OUT_OF_ORDER count toward progress: the guard was at a checkpoint of the route, in range. */
  counts: boolean;
}

/** The next checkpoint the guard is expected at: the first of the route, in order, not yet counted. */
export function nextExpected<T extends { id: string }>(
  route: readonly T[],
  counted: readonly string[],
): T | null {
  return route.find((c) => !counted.includes(c.id)) ?? null;
}

/**
 * Classifies one scan, checks in this order: the code is on the route (UNKNOWN_CHECKPOINT), it
 * was not already counted (DUPLICATE), the phone was within the checkpoint's radius
 * (OUT_OF_RANGE), it is the next expected checkpoint (OUT_OF_ORDER), else VALID.
 * An OUT_OF_RANGE checkpoint is not counted, so scanning it again from close by is not a duplicate.
 */
export function classifyScan<T extends RouteCheckpoint>(input: ScanInput<T>): ScanClassification<T> {
  const code = input.code.trim();
  const checkpoint = input.route.find((c) => c.code === code) ?? null;
  if (!checkpoint) return { result: 'UNKNOWN_CHECKPOINT', checkpoint: null, distanceM: null, counts: false };
  const distanceM = input.location ? distanceMeters(input.location, checkpoint.location) : null;
  const base = { checkpoint, distanceM };
  if (input.counted.includes(checkpoint.id)) return { ...base, result: 'DUPLICATE', counts: false };
  if (distanceM !== null && distanceM > checkpoint.radiusM)
    return { ...base, result: 'OUT_OF_RANGE', counts: false };
  if (nextExpected(input.route, input.counted)?.id !== checkpoint.id)
    return { ...base, result: 'OUT_OF_ORDER', counts: true };
  return { ...base, result: 'VALID', counts: true };
}
