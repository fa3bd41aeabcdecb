import { attendanceEntities, attendanceMigrations } from '#attendance';
import { coreEntities, coreMigrations } from '#core';
import { incidentsEntities, incidentsMigrations } from '#incidents';
import { messagingEntities, messagingMigrations } from '#messaging';
import { notificationsEntities, notificationsMigrations } from '#notifications';
import { panicEntities, panicMigrations } from '#panic';
import { patrolsEntities, patrolsMigrations } from '#patrols';
import { realtimeMigrations } from '#realtime';
import { trackingEntities, trackingMigrations } from '#tracking';

/** Every entity and migration of the product, in one list for the data source (ordered by timestamp). */
export const entities = [
  ...coreEntities,
  ...panicEntities,
  ...incidentsEntities,
  ...patrolsEntities,
  ...attendanceEntities,
  ...trackingEntities,
  ...messagingEntities,
  ...notificationsEntities,
];
export const migrations = [
  ...coreMigrations,
  ...realtimeMigrations,
  ...attendanceMigrations,
  ...panicMigrations,
  ...incidentsMigrations,
  ...patrolsMigrations,
  ...trackingMigrations,
  ...messagingMigrations,
  ...notificationsMigrations,
];
