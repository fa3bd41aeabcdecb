/** Incident rules as pure functions: the status machine, no I/O. */
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

/** Statuses still needing work (the `openIncidents` snapshot). */
export const UNRESOLVED_STATUSES: readonly IncidentStatus[] = ['OPEN', 'ASSIGNED', 'IN_PROGRESS'];

/** OPEN -> ASSIGNED -> IN_PROGRESS -> RESOLVED -> CLOSED; nothing else. */
const NEXT: Record<IncidentStatus, IncidentStatus | null> = {
  OPEN: 'ASSIGNED',
  ASSIGNED: 'IN_PROGRESS',
  IN_PROGRESS: 'RESOLVED',
  RESOLVED: 'CLOSED',
  CLOSED: null,
};

export const canTransition = (from: IncidentStatus, to: IncidentStatus): boolean => NEXT[from] === to;

export type Decision = { ok: true; status: IncidentStatus } | { ok: false; reason: string };
const ok = (status: IncidentStatus): Decision => ({ ok: true, status });
const refuse = (reason: string): Decision => ({ ok: false, reason });
const step = (from: IncidentStatus, to: IncidentStatus): Decision =>
  canTransition(from, to) ? ok(to) : refuse(`Cannot move an incident from ${from} to ${to}`);

/** Assigning an open incident moves it to ASSIGNED; reassigning work in progress keeps its status. */
export function decideAssign(from: IncidentStatus): Decision {
  if (from === 'ASSIGNED' || from === 'IN_PROGRESS') return ok(from);
  return step(from, 'ASSIGNED');
}

/** `update_incident` may only start the work; assigning, resolving and closing have their own commands. */
export function decideStatusUpdate(from: IncidentStatus, to: IncidentStatus): Decision {
  if (from === 'CLOSED') return refuse('A closed incident cannot change');
  if (to === 'ASSIGNED') return refuse('Use assign_incident to assign an incident');
  if (to === 'RESOLVED') return refuse('Use resolve_incident to resolve an incident');
  if (to === 'CLOSED') return refuse('Only staff can close a resolved incident');
  return step(from, to);
}

/** Priority changes and notes: allowed until the incident is closed. */
export const decideEdit = (from: IncidentStatus): Decision =>
  from === 'CLOSED' ? refuse('A closed incident cannot change') : ok(from);

export const decideResolve = (from: IncidentStatus): Decision => step(from, 'RESOLVED');
export const decideClose = (from: IncidentStatus): Decision => step(from, 'CLOSED');
