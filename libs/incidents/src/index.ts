export * from './incidents.module.js';
export * from './persistence/incidents-persistence.js';
export type { IncidentView } from './persistence/incident.repository.js';
export {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  type IncidentPriority,
  type IncidentStatus,
  type IncidentType,
} from './domain/incident.js';
export * from './persistence/incident.ports.js';
