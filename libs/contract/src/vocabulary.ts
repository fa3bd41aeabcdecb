/**
 * The closed value lists of the contract, spelt once: the types below, the AsyncAPI catalogue's
 * enums and the features' domain rules (which re-export them) all come from these arrays.
 */

export const PANIC_TYPES = ['PANIC', 'MEDICAL', 'FIRE', 'SECURITY', 'GENERAL'] as const;
export type PanicType = (typeof PANIC_TYPES)[number];

export const PANIC_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type PanicStatus = (typeof PANIC_STATUSES)[number];

export const INCIDENT_TYPES = [
  'INTRUSION',
  'THEFT',
  'VANDALISM',
  'FIRE',
  'MEDICAL',
  'SAFETY',
  'SUSPICIOUS_ACTIVITY',
  'OTHER',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

export const INCIDENT_STATUSES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const SCAN_RESULTS = [
  'VALID',
  'OUT_OF_ORDER',
  'OUT_OF_RANGE',
  'DUPLICATE',
  'UNKNOWN_CHECKPOINT',
] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];
