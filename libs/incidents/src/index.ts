export * from './incidents.module.js';
export * from './persistence/incidents-persistence.js';
export type { IncidentView } from './persistence/incident.repository.js';
export * from './persistence/incident.ports.js';
