import type { UnitOfWork } from '#realtime';
import { incidentStreams } from '../events/incident-events.js';
import { findIncident } from '../persistence/incident.repository.js';

/** Appends `incident_updated { incident, changes }` with the incident as stored now; returns the ack data. */
export async function appendIncidentUpdated(
  uow: UnitOfWork,
  incidentId: string,
  changes: Record<string, unknown>,
) {
  const incident = (await findIncident(uow.tx, incidentId))!;
  uow.append({
    type: 'incident_updated',
    siteId: incident.siteId,
    streams: incidentStreams(incident),
    data: { incident, changes },
  });
  return { incident };
}
