import type { CommandBus } from '@nestjs/cqrs';
import { rootLogger, type Principal } from '#core';
import { ScheduleShiftCommand, ScheduleShiftDto } from '#attendance';
import { DEMO_USERS } from './demo-organisation.js';
import type { DemoIds } from './seed-demo-data.js';

const HOUR = 3_600_000;

/**
 * Planned shifts for every demo guard, through the same command as POST /shifts (events, no-show
 * timers): yesterday 08:00-16:00 UTC, never clocked in (the attendance report and the no-show
 * alerts show something at once), one from the next full hour for 8 h (a guard the simulator
 * clocks in), and tomorrow 08:00-16:00 UTC (upcoming).
 */
export async function seedDemoShifts(commands: CommandBus, ids: DemoIds, now = new Date()): Promise<number> {
  const adminUser = DEMO_USERS.find((u) => u.role === 'admin')!;
  const admin: Principal = {
    userId: ids.users[adminUser.key],
    role: 'admin',
    name: adminUser.name,
    siteIds: [],
  };
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const nextHour = Math.ceil(now.getTime() / HOUR) * HOUR;
  const windows = [
    [midnight - 16 * HOUR, midnight - 8 * HOUR],
    [nextHour, nextHour + 8 * HOUR],
    [midnight + 32 * HOUR, midnight + 40 * HOUR],
  ];
  let created = 0;
  for (const guard of DEMO_USERS.filter((u) => u.role === 'guard')) {
    for (const [start, end] of windows) {
      const dto = Object.assign(new ScheduleShiftDto(), {
        guardId: ids.users[guard.key],
        siteId: ids.sites[guard.sites[0]],
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(end).toISOString(),
      });
      await commands.execute(new ScheduleShiftCommand(admin, dto));
      created++;
    }
  }
  rootLogger().info({ context: 'seed', shifts: created }, 'demo planned shifts seeded');
  return created;
}
