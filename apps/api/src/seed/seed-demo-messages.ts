import type { CommandBus } from '@nestjs/cqrs';
import { rootLogger, type Principal } from '#core';
import { SendMessageCommand } from '#messaging';
import { DEMO_USERS } from './demo-organisation.js';
import type { DemoIds } from './seed-demo-data.js';

type Target = { site: string } | { to: string };

/** A few conversations, in the order they were written: `[from, to, text, dispatch order?]`. */
const DEMO_MESSAGES: [string, Target, string, boolean?][] = [
  [
    'supervisor1',
    { site: 'harbour' },
    'The east gate lock is faulty tonight: check it on every round.',
    true,
  ],
  ['guard1', { site: 'harbour' }, 'East gate checked, chained and holding.'],
  ['guard4', { site: 'mall' }, 'All clear on the first round, car park lights are back on.'],
  ['manager', { to: 'supervisor2' }, 'Visitors on campus tomorrow from 09:00, please brief the guards.'],
  ['supervisor2', { to: 'manager' }, 'Will do, I will post it in the campus conversation.'],
  ['guard7', { to: 'supervisor2' }, 'Running ten minutes late for the handover, traffic on the bridge.'],
];

/**
 * The demo's conversations, written through `message_send` as the demo users (same rows and
 * events as a real client), so the dashboard and `GET /conversations` have something to show.
 */
export async function seedDemoMessages(commands: CommandBus, ids: DemoIds): Promise<void> {
  const principal = (key: string): Principal => {
    const u = DEMO_USERS.find((d) => d.key === key)!;
    return { userId: ids.users[key], role: u.role, name: u.name, siteIds: u.sites.map((s) => ids.sites[s]) };
  };
  for (const [from, target, text, order] of DEMO_MESSAGES) {
    const to = 'site' in target ? { siteId: ids.sites[target.site] } : { toUserId: ids.users[target.to] };
    await commands.execute(new SendMessageCommand(principal(from), to, text, order ?? false));
  }
  rootLogger().info({ context: 'seed', messages: DEMO_MESSAGES.length }, 'demo conversations seeded');
}
