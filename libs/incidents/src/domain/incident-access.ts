import { AppError, canAccessSite, isSiteStaff, type Principal } from '#core';

/** What the access rule reads of an incident (IncidentView has it). */
export interface IncidentParties {
  siteId: string;
  reporter: { id: string };
  assignee?: { id: string } | null;
}

export type IncidentRight = 'staff' | 'staff-or-assignee' | 'read';

/**
 * Who may do what with an incident: site staff (and admins) everything; the assignee works it;
 * the reporter reads it. Other members of the site get FORBIDDEN; anyone else NOT_FOUND.
 */
export function authorizeIncident<I extends IncidentParties>(
  me: Principal,
  incident: I | null,
  right: IncidentRight,
): I {
  if (!incident) throw AppError.notFound('Incident');
  if (isSiteStaff(me, incident.siteId)) return incident;
  const assignee = incident.assignee?.id === me.userId;
  const reporter = incident.reporter.id === me.userId;
  if (right === 'staff-or-assignee' && assignee) return incident;
  if (right === 'read' && (assignee || reporter)) return incident;
  if (canAccessSite(me, incident.siteId) || assignee || reporter)
    throw AppError.forbidden(
      right === 'staff'
        ? 'Only staff of this site can do this'
        : 'Only site staff or the assignee can do this',
    );
  throw AppError.notFound('Incident');
}

/** A domain refusal as the contract's CONFLICT. */
export function conflictUnless<T extends { ok: boolean }>(
  d: T,
  status: string,
): asserts d is Extract<T, { ok: true }> {
  if (!d.ok) throw AppError.conflict((d as unknown as { reason: string }).reason, { status });
}
