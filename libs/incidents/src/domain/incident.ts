/** Incident rules as pure functions: the status machine, no I/O. */
import type { IncidentStatus } from '#contract';

// The value lists are the contract's (libs/contract/src/vocabulary.ts); the rules below use them.
export {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  type IncidentPriority,
  type IncidentStatus,
  type IncidentType,
} from '#contract';

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
