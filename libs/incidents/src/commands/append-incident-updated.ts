import type { UnitOfWork } from '#realtime';
import { IncidentUpdatedEvent, incidentStreams } from '../events/incident-events.js';
import { findIncident } from '../persistence/incident.repository.js';

/**
 * Appends `incident_updated { incident, changes }` with the incident as stored now and raises
 * IncidentUpdatedEvent; returns the ack data.
 */
export async function appendIncidentUpdated(
  uow: UnitOfWork,
  incidentId: string,
  changes: Record<string, unknown>,
) {
  const incident = (await findIncident(uow.tx, incidentId))!;
  const appended = uow.append({
    type: 'incident_updated',
    siteId: incident.siteId,
    streams: incidentStreams(incident),
    data: { incident, changes },
  });
  uow.raise(new IncidentUpdatedEvent(incident.id), appended);
  return { incident };
}
