/**
 * `npm run bench [-- --tiers 500,2000 --duration 60 --scan-rates 100,200,400 --scan-step 10]`
 * The "fleet" scenario against PatrolShield (real process, embedded PostgreSQL in a temp DATA_DIR)
 * and a bare Socket.IO baseline, alternately per tier, with the load generator in its own process
 * on its own core. Loopback only, bounded in time, stops by itself. Prints a table and writes
 * bench/results/<timestamp>.json.
 */
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  descendantPids,
  hasTaskset,
  spawnNode,
  stopChild,
  waitForLine,
  type Fleet,
  type Scenario,
} from './common.js';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const nums = (s: string) =>
  s
    .split(',')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
const tiers = nums(arg('tiers', '500,2000,5000,10000'));
/** Panics a tier's panic p99 should come from; fewer print a warning. */
const MIN_PANICS = 1000;
const scenario: Scenario = {
  durationS: Number(arg('duration', '60')),
  gpsIntervalMs: Number(arg('gps-interval-ms', '5000')),
  panicsPerS: Number(arg('panics-per-s', '2')),
  panicSamples: Number(arg('panic-samples', String(MIN_PANICS))),
  panicPhasePerS: Number(arg('panic-phase-per-s', '10')),
  siteMessageIntervalS: Number(arg('site-message-s', '30')),
  directMessagesPerS: Number(arg('direct-per-s', '2')),
  scanRates: nums(arg('scan-rates', '25,50,100,200,400,800,1600,3200')),
  scanStepS: Number(arg('scan-step', '10')),
  scanGuards: Number(arg('scan-guards', '1000')),
};
const skipBaseline = process.argv.includes('--no-baseline');
// Node flags for both servers, recorded in the results: BENCH_SERVER_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=/tmp/prof" profiles them (written on exit), "--allocation-site-pretenuring" keeps
// V8's default that apps/api/src/bootstrap/v8-flags.ts turns off.
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
// --no-pin leaves every process to the scheduler (to compare with the pinned default).
const pin = !process.argv.includes('--no-pin') && hasTaskset() && cpus().length >= 2;
const SERVER_CORE = pin ? 0 : null;
const LOAD_CORE = pin ? 1 : null;
// --db-core 1 pins the embedded PostgreSQL (the server's child processes) to that core, so the
// server's node process has its core to itself, as with a database on its own host. Default: unpinned.
const DB_CORE = pin && process.argv.includes('--db-core') ? Number(arg('db-core', '1')) : null;
// BENCH_SERVER_NODE=/path/to/node runs both servers on another Node release; the load generator keeps this one.
const SERVER_NODE = process.env.BENCH_SERVER_NODE || process.execPath;
const serverNodeVersion = () =>
  spawnSync(SERVER_NODE, ['--version'], { encoding: 'utf8' }).stdout?.trim() || `unknown (${SERVER_NODE})`;
const ADMIN = { email: 'bench-admin@bench.local', password: 'bench-admin-password' };

const dataDir = mkdtempSync(join(tmpdir(), 'patrolshield-bench-'));
chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run as another user when we are root
const workDir = mkdtempSync(join(tmpdir(), 'patrolshield-bench-work-'));
// BENCH_SERVER_ROOT=/path/to/another/checkout runs ours from that tree's build (an older commit for
// an A/B with this load generator; it must take the same simulation seed). Recorded as `server`.
const serverRoot = process.env.BENCH_SERVER_ROOT ? resolve(process.env.BENCH_SERVER_ROOT) : root;
const serverJs = join(serverRoot, 'dist/apps/api/src/main.js');
const serverCommit = () =>
  spawnSync('git', ['-C', serverRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim() ||
  null;
const ourEnv = {
  NODE_ENV: 'development',
  PORT: '0',
  DATA_DIR: dataDir,
  ENABLE_SIMULATION_SEED: 'true',
  DEMO_DATA: 'false',
  LOG_LEVEL: 'info',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  ACCESS_TOKEN_TTL_S: '7200', // the admin token reads /api/v1/metrics for the whole tier
};

async function startServer(script: string, env: Record<string, string>) {
  const spawnedAt = performance.now();
  // Spawned unpinned so the embedded PostgreSQL it starts may use any core; the node process itself
  // is pinned to the server core once ready (the load generator has the other one).
  const child = spawnNode(script, [], env, null, SERVER_NODE_ARGS, SERVER_NODE);
  // BENCH_SERVER_LOG=/tmp/server.log appends the servers' own logs (JSON lines) to that file.
  if (process.env.BENCH_SERVER_LOG) {
    const log = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  const ready = await waitForLine<{ port: number }>(child, (o) => o?.msg === 'ready', 180_000);
  const readyMs = Math.round(performance.now() - spawnedAt);
  if (SERVER_CORE !== null) spawnSync('taskset', ['-a', '-p', '-c', String(SERVER_CORE), String(child.pid)]);
  // Backends forked later inherit the postmaster's affinity.
  if (DB_CORE !== null)
    for (const pid of descendantPids(child.pid!))
      spawnSync('taskset', ['-a', '-p', '-c', String(DB_CORE), String(pid)]);
  return { child, port: ready.port, readyMs };
}

async function http<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function runLoad(fleet: Fleet): Promise<any> {
  const file = join(workDir, `fleet-${fleet.mode}-${fleet.guards.length}.json`);
  writeFileSync(file, JSON.stringify({ fleet, scenario }));
  const child = spawnNode(join(root, 'dist/bench/load-generator.js'), [file], {}, LOAD_CORE, [
    '--max-old-space-size=4096',
  ]);
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
  const budget =
    (scenario.durationS +
      scenario.gpsIntervalMs / 1000 +
      (scenario.panicPhasePerS > 0 ? scenario.panicSamples / scenario.panicPhasePerS + 20 : 0) +
      scenario.scanRates.length * (scenario.scanStepS + 12) +
      600) *
    1000;
  try {
    return await waitForLine(child, (o) => o?.msg === 'result', budget);
  } finally {
    await stopChild(child, 5000);
  }
}

const sizes = (guards: number) => ({
  guards,
  sites: Math.max(1, Math.round(guards / 20)),
  supervisors: Math.max(1, Math.round(guards / 10)),
});

/**
 * The most the seed endpoint lays out per site: a round of 20 scans that count (VALID: progress and
 * the gap deadline move) between each complete_patrol and start_patrol of the durable phase.
 */
const CHECKPOINTS_PER_SITE = 20;

async function runOurs(guards: number) {
  const srv = await startServer(serverJs, ourEnv);
  try {
    const base = `http://127.0.0.1:${srv.port}`;
    const login = await http<{ accessToken: string }>(`${base}/api/v1/auth/login`, ADMIN);
    const seedStart = performance.now();
    const seed = await http<any>(
      `${base}/api/v1/simulation/seed`,
      { ...sizes(guards), checkpointsPerSite: CHECKPOINTS_PER_SITE, tokenTtlS: 7200 },
      login.accessToken,
    );
    const seedMs = Math.round(performance.now() - seedStart);
    const fleet: Fleet = {
      mode: 'ours',
      url: base,
      serverPid: srv.child.pid!,
      metricsToken: login.accessToken,
      sites: seed.sites.map((s: any) => ({
        id: s.id,
        routeId: s.routeId,
        center: s.geofence.center,
        radiusM: s.geofence.radiusM,
        checkpoints: s.checkpoints.map((c: any) => ({ code: c.code, location: c.location })),
      })),
      guards: seed.guards.map((g: any) => ({ id: g.id, siteId: g.siteIds[0], token: g.token })),
      supervisors: seed.supervisors.map((u: any) => ({ id: u.id, siteIds: u.siteIds, token: u.token })),
    };
    return { ...(await runLoad(fleet)), seedMs, serverReadyMs: srv.readyMs };
  } finally {
    await stopChild(srv.child);
  }
}

async function runBaseline(guards: number) {
  const srv = await startServer(join(root, 'dist/bench/baseline-server.js'), { PORT: '0' });
  try {
    const n = sizes(guards);
    const sites = Array.from({ length: n.sites }, (_, i) => ({
      id: randomUUID(),
      routeId: randomUUID(),
      center: { lat: 52.52 + i * 0.01, lng: 13.405 },
      radiusM: 300,
      checkpoints: Array.from({ length: CHECKPOINTS_PER_SITE }, (_, k) => ({
        code: `CP-${i}-${k + 1}`,
        location: { lat: 52.52 + i * 0.01, lng: 13.405 },
      })),
    }));
    const fleet: Fleet = {
      mode: 'baseline',
      url: `http://127.0.0.1:${srv.port}`,
      serverPid: srv.child.pid!,
      sites,
      guards: Array.from({ length: guards }, (_, i) => ({
        id: randomUUID(),
        siteId: sites[i % sites.length].id,
      })),
      supervisors: Array.from({ length: n.supervisors }, (_, i) => ({
        id: randomUUID(),
        siteIds: [sites[i % sites.length].id],
      })),
    };
    return { ...(await runLoad(fleet)), serverReadyMs: srv.readyMs };
  } finally {
    await stopChild(srv.child);
  }
}

/** `npm start`'s server: spawn to the `ready` log line, cold (fresh DATA_DIR: initdb) and warm. */
async function measureStartup() {
  const out: Record<string, number> = {};
  for (const kind of ['cold', 'warm']) {
    const srv = await startServer(serverJs, { ...ourEnv, ENABLE_SIMULATION_SEED: 'false' });
    out[kind] = srv.readyMs;
    await stopChild(srv.child);
  }
  return out;
}

const fmt = (v: unknown): string =>
  v === null || v === undefined
    ? '-'
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v as string | number);
/** A GC window (libs/core's GcPauses) as "paused % (major count/longest ms)". */
const gcColumn = (gc: any): string => (gc ? `${gc.pausedPct} (${gc.major.count}/${gc.major.maxMs})` : '-');

function table(rows: any[]): string {
  const cols: [string, (r: any) => unknown][] = [
    ['tier', (r) => r.guards],
    ['server', (r) => r.mode],
    ['conns', (r) => r.connections],
    ['panic p50/p99/p99.9 ms', (r) => `${fmt(r.panic.p50)}/${fmt(r.panic.p99)}/${fmt(r.panic.p999)}`],
    [
      'panic p99 from send / to server / from server ms',
      (r) => `${fmt(r.panic.fromSendP99)}/${fmt(r.panic.toServerP99)}/${fmt(r.panic.fromServerP99)}`,
    ],
    ['panics (deliveries) timed', (r) => `${fmt(r.panic.timed)} (${fmt(r.panic.samples)})`],
    [
      'fleet phase panics: p50/p99 ms (timed)',
      (r) =>
        r.panic.fleet
          ? `${fmt(r.panic.fleet.p50)}/${fmt(r.panic.fleet.p99)} (${fmt(r.panic.fleet.timed)})`
          : '-',
    ],
    [
      'panic lost',
      (r) =>
        `${r.panic.lost}/${r.panic.expectedDeliveries}` +
        (r.panic.repeated ? ` (+${r.panic.repeated} repeated)` : ''),
    ],
    [
      'message p50/p99 ms (lost)',
      (r) =>
        r.messages
          ? `${fmt(r.messages.p50)}/${fmt(r.messages.p99)} (${r.messages.lost}/${r.messages.expectedDeliveries})`
          : '-',
    ],
    ['loc ack p99 ms', (r) => r.location.ackP99],
    ['loc lag p99 ms', (r) => r.location.lagP99],
    ['loc missing', (r) => `${r.location.lastPointMissing}/${r.location.lastPointPairs}`],
    ['msgs/s', (r) => r.deliveredPerS],
    ['cpu us/msg', (r) => r.cpuUsPerDelivered],
    ['cpu us/(msg+cmd)', (r) => r.cpuUsPerMessageOrCommand],
    ['cpu ratio', (r) => (r.cpuRatio ? `${r.cpuRatio} (${r.cpuRatioWithCommands ?? '-'})` : '-')],
    [
      'RSS KB/conn',
      (r) => (r.rssPerConnectionBytes === null ? '-' : Math.round(r.rssPerConnectionBytes / 102.4) / 10),
    ],
    [
      'heap KB/conn',
      (r) => (r.heapPerConnectionBytes == null ? '-' : Math.round(r.heapPerConnectionBytes / 102.4) / 10),
    ],
    ['loop delay p99/max ms', (r) => `${fmt(r.serverLoopDelayMs?.p99)}/${fmt(r.serverLoopDelayMs?.max)}`],
    ['GC paused % (major n/max ms)', (r) => gcColumn(r.serverGcPauses)],
    ['scan max ok rate/s @p99<=50', (r) => r.scanBest ?? '-'],
    ['server CPU % idle/fleet', (r) => `${fmt(r.serverIdleCpuPct)}/${fmt(r.serverFleetCpuPct)}`],
    ['loadgen ELU', (r) => r.loadGenElu],
    ['loadgen loop p99/max ms', (r) => `${fmt(r.loadGenLoopDelayMs?.p99)}/${fmt(r.loadGenLoopDelayMs?.max)}`],
    ['loadgen GC paused % (major n/max ms)', (r) => gcColumn(r.loadGenGcPauses)],
    [
      'waiting for a core ms: loadgen/server (longest)',
      (r) => {
        const w = (x?: { waitMs: number; maxInOneSampleMs: number }) =>
          x ? `${x.waitMs} (${x.maxInOneSampleMs})` : '-';
        return `${w(r.cpuWait?.loadGen)}/${w(r.cpuWait?.server)}`;
      },
    ],
    ['errors', (r) => JSON.stringify(r.errors)],
  ];
  const lines = [cols.map((c) => c[0]), ...rows.map((r) => cols.map((c) => fmt(c[1](r))))];
  const widths = cols.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const line = (l: string[]) => `| ${l.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(lines[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.slice(1).map(line),
  ].join('\n');
}

/** A warning per row whose panic p99 comes from fewer than MIN_PANICS panics. */
const panicWarnings = (rows: any[]): string[] =>
  rows
    .filter((r) => (r.panic.timed ?? 0) < MIN_PANICS)
    .map(
      (r) =>
        `WARNING: tier ${r.guards} ${r.mode}: panic p99 from ${r.panic.timed ?? 0} panics, fewer than ${MIN_PANICS}`,
    );

/** A scan step's acks by result, as `VALID=1000 DUPLICATE=3`. */
const resultCounts = (results: Record<string, number> = {}): string =>
  Object.entries(results)
    .map(([kind, n]) => `${kind}=${n}`)
    .join(' ');

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = loadavg();
  console.log(
    `bench: tiers ${tiers.join(',')}, ${scenario.durationS}s fleet phase, ${scenario.panicSamples} panics per tier, FAST_PATH=${process.env.FAST_PATH || 'on'}, server ${serverJs} (${serverCommit() ?? 'no git'}), pinning ${pin ? `taskset server=0 load=1 db=${DB_CORE ?? 'any'}` : 'off'}`,
  );
  const startup = await measureStartup();
  console.log(`load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`startup: spawn -> ready cold ${startup.cold} ms, warm ${startup.warm} ms`);
  const rows: any[] = [];
  for (const [i, guards] of tiers.entries()) {
    const order = skipBaseline ? ['ours'] : i % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    const tierRows: any[] = [];
    for (const mode of order) {
      console.log(`tier ${guards}: ${mode}...`);
      const r = mode === 'ours' ? await runOurs(guards) : await runBaseline(guards);
      const okSteps = (r.durable.steps as any[]).filter(
        (s) => (s.p99 ?? Infinity) <= 50 && s.ok >= s.sent * 0.99,
      );
      tierRows.push({
        ...r,
        guards,
        scanBest: okSteps.length ? Math.max(...okSteps.map((s) => s.throughput)) : null,
      });
    }
    const ours = tierRows.find((r) => r.mode === 'ours');
    const base = tierRows.find((r) => r.mode === 'baseline');
    if (ours && base && ours.cpuUsPerDelivered && base.cpuUsPerDelivered)
      ours.cpuRatio = Math.round((ours.cpuUsPerDelivered / base.cpuUsPerDelivered) * 100) / 100;
    if (ours && base && ours.cpuUsPerMessageOrCommand && base.cpuUsPerMessageOrCommand)
      ours.cpuRatioWithCommands =
        Math.round((ours.cpuUsPerMessageOrCommand / base.cpuUsPerMessageOrCommand) * 100) / 100;
    rows.push(...tierRows);
    console.log(table(tierRows));
    for (const w of panicWarnings(tierRows)) console.warn(w);
  }
  const report = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      serverNode: SERVER_NODE === process.execPath ? process.version : serverNodeVersion(),
    },
    pinned: pin,
    dbCore: DB_CORE,
    server: serverJs,
    serverCommit: serverCommit(),
    // ours only; FAST_PATH=off in the bench's environment runs the plain framework path (docs/fast-path.md)
    fastPath: process.env.FAST_PATH || 'on',
    serverNodeArgs: SERVER_NODE_ARGS,
    scenario,
    startupMs: startup,
    notes: [
      'Server CPU is the node process only (utime+stime from /proc); the embedded PostgreSQL (its child processes; unpinned unless --db-core) is reported apart as dbCpuUs / dbCpuUsPerCommand.',
      'Heap per connection: heapUsed growth (GET /api/v1/metrics) over connecting every socket and 3 s idle, divided by connections; no forced GC, so it includes garbage not yet collected.',
      'Server event-loop delay: the server process own histogram (perf_hooks, 5 ms resolution), reset at the start of the fleet phase and of each scan step, read at their end.',
      'Panic latency is from the scheduled send time to each site staff socket receiving panic_alert (same process, same clock); from the real send when a timer fired early.',
      'Panics: the fleet phase sends panicsPerS; a panic phase after it (location load running, no messages) tops them up to panicSamples at panicPhasePerS. panic.timed is the number of panics the latencies come from, panic.samples the deliveries timed.',
      'Panic split: fromSendP99 from the real send; toServerP99 / fromServerP99 before and after the panic receivedAt (server wall clock, whole ms; both servers take it when the command is read off the socket; results before commit `bf5c9e0` took ours after the pooled connection and the first round trip).',
      'loadGenLoopDelayMs: the load generator own event-loop delay in the fleet phase; its stalls land in every latency it times.',
      'cpuWait: time the load generator and server main threads were runnable but off the CPU in the fleet phase (/proc/<pid>/schedstat, sampled every 100 ms; maxInOneSampleMs the longest in one sample): a stall that shows here was another process holding the core.',
    ],
    results: rows,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`results: ${file}`);
  console.log('\n' + table(rows));
  for (const w of panicWarnings(rows)) console.warn(w);
  console.log(`\nstartup (spawn -> ready): cold ${startup.cold} ms, warm ${startup.warm} ms`);
  for (const r of rows)
    console.log(
      `${r.mode} ${r.guards}: scan steps ${(r.durable.steps as any[])
        .map(
          (s) =>
            `${s.rate}/s ok=${s.ok}/${s.sent} ${resultCounts(s.results)} rounds=${s.patrolsRestarted ?? '-'} p50=${s.p50}ms p99=${s.p99}ms cpu=${s.serverCpuUsPerCommand}us/cmd writes=${s.serverWritesPerCommand ?? '-'}/cmd db=${s.dbCpuUsPerCommand ?? '-'}us/cmd loop p99/max=${s.serverLoopDelayP99Ms ?? '-'}/${s.serverLoopDelayMaxMs ?? '-'}ms major GCs=${s.serverMajorGcs ?? '-'}`,
        )
        .join(', ')}`,
    );
  console.log(`\nwritten ${file}`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });
