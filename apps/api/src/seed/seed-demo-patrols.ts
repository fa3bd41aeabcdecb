import type { CommandBus } from '@nestjs/cqrs';
import { geofenceCenter, rootLogger, type LatLng, type Principal } from '#core';
import { CreateCheckpointCommand, CreateCheckpointDto, CreatePatrolRouteCommand } from '#patrols';
import { DEMO_SITES, DEMO_USERS } from './demo-organisation.js';
import type { DemoIds } from './seed-demo-data.js';

const GATES = [
  ['north', 80, 0],
  ['east', 0, 80],
  ['south', -80, 0],
  ['west', 0, -80],
] as const;

const offset = (p: LatLng, northM: number, eastM: number): LatLng => ({
  lat: Math.round((p.lat + northM / 111_195) * 1e6) / 1e6,
  lng: Math.round((p.lng + eastM / (111_195 * Math.cos((p.lat * Math.PI) / 180))) * 1e6) / 1e6,
});

/**
 * One patrol route per demo site, four gates 80 m around its centre, created through the patrol
 * commands as the demo admin: `npm run simulate` and the dashboard have rounds to walk.
 */
export async function seedDemoPatrols(commands: CommandBus, ids: DemoIds): Promise<void> {
  const adminUser = DEMO_USERS.find((u) => u.role === 'admin')!;
  const admin: Principal = {
    userId: ids.users[adminUser.key],
    role: 'admin',
    name: adminUser.name,
    siteIds: [],
  };
  for (const site of DEMO_SITES) {
    const siteId = ids.sites[site.key];
    const middle = geofenceCenter(site.geofence);
    const checkpointIds: string[] = [];
    for (const [i, [gate, northM, eastM]] of GATES.entries()) {
      const dto = Object.assign(new CreateCheckpointDto(), {
        name: `${site.name}, ${gate} gate`,
        code: `${site.key.toUpperCase()}-${i + 1}`,
        location: offset(middle, northM, eastM),
        radiusM: 30,
      });
      checkpointIds.push((await commands.execute(new CreateCheckpointCommand(admin, siteId, dto))).id);
    }
    await commands.execute(
      new CreatePatrolRouteCommand(admin, {
        siteId,
        name: `${site.name} round`,
        checkpointIds,
        expectedDurationMinutes: 30,
        maxGapMinutes: 10,
      }),
    );
  }
  rootLogger().info({ context: 'seed', routes: DEMO_SITES.length }, 'demo patrol routes seeded');
}
