import type { Geofence, Role } from '#core';

/** The demo organisation of `npm start`: three sites around Berlin, staff and guards. */
export const DEMO_PASSWORD = 'patrolshield-demo';
export const DEMO_DOMAIN = 'demo.patrolshield.local';

export interface DemoSite {
  key: string;
  name: string;
  timezone: string;
  geofence: Geofence;
}
export interface DemoUser {
  key: string;
  name: string;
  role: Role;
  sites: string[];
}

export const DEMO_SITES: DemoSite[] = [
  {
    key: 'harbour',
    name: 'Harbour Warehouse',
    timezone: 'Europe/Berlin',
    geofence: { center: { lat: 52.5035, lng: 13.4443 }, radiusM: 300 },
  },
  {
    key: 'mall',
    name: 'Riverside Mall',
    timezone: 'Europe/Berlin',
    geofence: { center: { lat: 52.5208, lng: 13.4094 }, radiusM: 200 },
  },
  {
    key: 'campus',
    name: 'Tech Campus',
    timezone: 'Europe/Berlin',
    geofence: {
      type: 'Polygon',
      coordinates: [
        [
          [13.3777, 52.5163],
          [13.3777, 52.5193],
          [13.3837, 52.5193],
          [13.3837, 52.5163],
          [13.3777, 52.5163],
        ],
      ],
    },
  },
];

export const DEMO_USERS: DemoUser[] = [
  { key: 'admin', name: 'Alex Admin', role: 'admin', sites: [] },
  { key: 'manager', name: 'Morgan Manager', role: 'manager', sites: ['harbour', 'mall', 'campus'] },
  { key: 'supervisor1', name: 'Sam Supervisor', role: 'supervisor', sites: ['harbour', 'mall'] },
  { key: 'supervisor2', name: 'Sky Supervisor', role: 'supervisor', sites: ['campus'] },
  ...Array.from({ length: 8 }, (_, i): DemoUser => ({
    key: `guard${i + 1}`,
    name: `Guard ${i + 1}`,
    role: 'guard',
    sites: [['harbour', 'harbour', 'harbour', 'mall', 'mall', 'mall', 'campus', 'campus'][i]],
  })),
];

export const demoEmail = (key: string): string => `${key}@${DEMO_DOMAIN}`;
