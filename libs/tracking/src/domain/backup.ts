import { distanceMeters, type LatLng } from '#core';

export interface GuardPosition {
  userId: string;
  location: LatLng | null;
}

export interface BackupCandidate {
  userId: string;
  distanceM: number;
}

/**
 * Who is asked for backup on a panic (docs/protocol.md section 11): every other guard on shift with a
 * known position within `radiusM` of the panic, nearest first (ties by id, so the order is stable).
 */
export function backupCandidates(
  panicAt: LatLng,
  guards: GuardPosition[],
  radiusM: number,
  raiserId: string,
): BackupCandidate[] {
  return guards
    .filter((g): g is GuardPosition & { location: LatLng } => g.userId !== raiserId && g.location !== null)
    .map((g) => ({ userId: g.userId, distanceM: Math.round(distanceMeters(panicAt, g.location)) }))
    .filter((c) => c.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || a.userId.localeCompare(b.userId));
}
