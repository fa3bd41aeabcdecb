export interface SimArgs {
  url: string;
  sites: number;
  guards: number;
  supervisors: number;
  /** Seconds; 0 runs until Ctrl-C. */
  duration: number;
  email: string;
  password: string;
  /** Mean seconds between two panics across the fleet. */
  panicEvery: number;
  /** Mean seconds between two incident reports across the fleet. */
  incidentEvery: number;
  /** Mean seconds between two messages across the fleet (one in four a supervisor's dispatch order). */
  messageEvery: number;
  /** Share of checkpoints a guard walks past without scanning. */
  missRate: number;
  /** Walking speed in m/s (faster than life so patrols finish in a demo). */
  speed: number;
  gpsMs: number;
}

const DEFAULTS: SimArgs = {
  url: process.env.SIM_URL ?? 'http://localhost:3000',
  sites: 5,
  guards: 100,
  supervisors: 10,
  duration: 0,
  email: process.env.SIM_ADMIN_EMAIL ?? process.env.ADMIN_EMAIL ?? 'admin@demo.patrolshield.local',
  password: process.env.SIM_ADMIN_PASSWORD ?? process.env.ADMIN_PASSWORD ?? 'patrolshield-demo',
  panicEvery: 30,
  incidentEvery: 20,
  messageEvery: 15,
  missRate: 0.1,
  speed: 4,
  gpsMs: 5000,
};

const USAGE = `npm run simulate -- [--url ${DEFAULTS.url}] [--sites 5] [--guards 100] [--supervisors 10]
  [--duration 0 (seconds, 0 = until Ctrl-C)] [--email admin@...] [--password ...]
  [--panic-every 30] [--incident-every 20] [--message-every 15] [--miss-rate 0.1] [--speed 4] [--gps-ms 5000]`;

export function parseArgs(argv: string[]): SimArgs {
  const args = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const key = flag
      .replace(/^--/, '')
      .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof SimArgs;
    if (!flag.startsWith('--') || !(key in args) || argv[i + 1] === undefined) {
      console.error(`unknown or incomplete option ${flag}\n${USAGE}`);
      process.exit(2);
    }
    const value = argv[++i];
    (args as Record<string, unknown>)[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[key] === 'number' && !Number.isFinite(args[key] as number)) {
      console.error(`${flag} needs a number`);
      process.exit(2);
    }
  }
  return args;
}
