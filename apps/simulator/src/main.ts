/**
 * The fleet simulator: `npm run simulate -- --sites 5 --guards 100 --supervisors 10`.
 * Real socket.io clients (the #client SDK) for every guard and supervisor against a running server.
 */
import { parseArgs } from './args.js';
import { GuardBot, SupervisorBot, type Bot } from './bots.js';
import { prepareWorld } from './setup.js';
import { SimStats } from './stats.js';

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const notes: string[] = [];
  const note = (s: string) => {
    notes.push(`${new Date().toISOString().slice(11, 19)} ${s}`);
    if (!process.stdout.isTTY) console.log(s);
  };
  const stats = new SimStats();
  const world = await prepareWorld(a, note);
  note(
    `${world.source === 'seed' ? 'seeded' : 'demo'}: ${world.sites.length} sites, ${world.guards.length} guards, ${world.supervisors.length} supervisors`,
  );
  const siteById = new Map(world.sites.map((s) => [s.id, s]));
  const guards = world.guards.map((g) => new GuardBot(g, stats, siteById, a));
  const guardById = new Map(guards.map((g) => [g.user.id, g]));
  // One supervisor responds per site (the first connected staff of it); the others watch.
  const firstResponder = new Map<string, string>();
  const supervisors = world.supervisors.map((u) => {
    const bot = new SupervisorBot(
      u,
      stats,
      a,
      (siteId) => !!siteId && firstResponder.get(siteId) === u.id,
      (guardId, raisedAt) => {
        // Only the panic this run's guard pressed last: one caught up by sync from before is not timed.
        const sent = guardId ? guardById.get(guardId)?.lastPanic : undefined;
        if (sent && Date.parse(raisedAt) === Date.parse(sent.recordedAt))
          stats.panicLatency.recordValue(Math.max(1, Math.round((performance.now() - sent.sentAt) * 1000)));
      },
    );
    bot.client.on('ready', (session) => {
      for (const site of session.siteIds) if (!firstResponder.has(site)) firstResponder.set(site, u.id);
    });
    return bot;
  });
  const bots: Bot[] = [...supervisors, ...guards];
  stats.users = bots.length;

  let stopping = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const screen = setInterval(() => {
    const text = stats.render(`${a.url}  (${world.source})`, notes);
    if (process.stdout.isTTY) process.stdout.write(`\x1b[H\x1b[2J${text}\n`);
    else console.log(text.split('\n').slice(2, 8).join(' | '));
  }, 1000);

  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    note(`stopping (${why}): ending shifts and closing ${bots.length} clients...`);
    for (const t of timers) clearTimeout(t);
    await Promise.all([...guards.map((g) => g.stop()), ...supervisors.map((s) => s.stop())]);
    clearInterval(screen);
    console.log(`\n${stats.render(`${a.url}  (${world.source})`, notes)}\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (a.duration > 0) timers.push(setTimeout(() => void stop(`${a.duration}s elapsed`), a.duration * 1000));

  // Staff first (they must be watching when guards act), then guards, in batches.
  for (let i = 0; i < supervisors.length; i += 50)
    await Promise.all(
      supervisors
        .slice(i, i + 50)
        .map((s) => s.client.connect().catch((e: Error) => note(`supervisor: ${e.message}`))),
    );
  for (let i = 0; i < guards.length && !stopping; i += 50)
    await Promise.all(
      guards.slice(i, i + 50).map(async (g) => {
        try {
          await g.client.connect();
          await g.start();
        } catch (e) {
          note(`guard: ${(e as Error).message}`);
        }
      }),
    );

  // Fleet-wide random (Poisson) panics and incident reports.
  const poisson = (meanS: number, fire: () => void) => {
    const schedule = () => {
      if (stopping) return;
      timers.push(setTimeout(() => (fire(), schedule()), -Math.log(1 - Math.random()) * meanS * 1000));
    };
    schedule();
  };
  const randomGuard = () => guards[Math.floor(Math.random() * guards.length)];
  if (guards.length && a.panicEvery > 0) poisson(a.panicEvery, () => void randomGuard().panic());
  if (guards.length && a.incidentEvery > 0)
    poisson(a.incidentEvery, () => void randomGuard().reportIncident());
  // Messages: mostly guards' reports in their site's conversation, one in four a dispatch order.
  if (guards.length && a.messageEvery > 0)
    poisson(a.messageEvery, () => {
      if (supervisors.length && Math.random() < 0.25)
        void supervisors[Math.floor(Math.random() * supervisors.length)].dispatchOrder();
      else void randomGuard().reportAllClear();
    });
}

main().catch((e: unknown) => {
  console.error(`simulator failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
