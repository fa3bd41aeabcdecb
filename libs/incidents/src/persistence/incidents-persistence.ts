import { Incidents1732200003200 } from './1732200003200-incidents.js';
import { IncidentEntity, IncidentHistoryEntity } from './incident.entity.js';

/** What the incidents feature stores; collected by apps/api/src/persistence.ts. */
export const incidentsEntities: (new () => unknown)[] = [IncidentEntity, IncidentHistoryEntity];
export const incidentsMigrations: (new () => unknown)[] = [Incidents1732200003200];
