import { Notifications1733400000000 } from './1733400000000-notifications.js';

/** What the notifications feature stores (raw SQL, no entities); collected by apps/api/src/persistence.ts. */
export const notificationsEntities: (new () => unknown)[] = [];
export const notificationsMigrations: (new () => unknown)[] = [Notifications1733400000000];
