/**
 * The load generator of the "fleet" scenario, run as its own process (pinned to its own core):
 * connects staff and guards, clocks guards in, sends GPS every interval with jitter, panics at a
 * fixed rate and messages (site and direct, see message-load.ts), tops the panics up to
 * `panicSamples` in a panic phase with the GPS load running (panic-load.ts), then steps
 * scan_checkpoint rates until the ack p99 passes 50 ms. The same code drives PatrolShield and the baseline. Prints one
 * JSON line `{ msg: 'result', ... }` on stdout.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { GcPauses, type GcWindow } from '../libs/core/src/health/gc-pauses.js';
import { loopDelayMs } from '../libs/core/src/health/loop-delay.js';
import { io, type Socket } from 'socket.io-client';
import { CpuWait } from './cpu-wait.js';
import { MessageLoad } from './message-load.js';
import { PanicLoad } from './panic-load.js';
import {
  cpuMicros,
  writeSyscalls,
  descendantsCpuMicros,
  histogram,
  ms,
  rssBytes,
  type Fleet,
  type Scenario,
} from './common.js';

const { fleet, scenario } = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  fleet: Fleet;
  scenario: Scenario;
};
const log = (msg: string) => process.stderr.write(`[load ${fleet.mode}] ${msg}\n`);
const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));
const now = () => performance.now();

const errors: Record<string, number> = {};
const countError = (code: string) => (errors[code] = (errors[code] ?? 0) + 1);
let delivered = 0;
let commandsSent = 0;
let counting = false;

interface Conn {
  socket: Socket;
  id: string;
  siteId: string;
}

function open(user: { id: string; token?: string }, role: string, siteIds: string[]): Promise<Socket> {
  const auth = fleet.mode === 'ours' ? { token: user.token } : { userId: user.id, role, siteIds };
  const socket = io(fleet.url, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('session', () => resolve(socket));
    socket.once('connect_error', (e: Error) => reject(e));
  });
}

async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Emits a command; resolves with the ack (or a synthetic ACK_TIMEOUT error) and its latency in µs. */
async function command(
  s: Socket,
  event: string,
  payload: unknown,
  from = now(),
): Promise<{ ack: any; us: number }> {
  if (counting) commandsSent++;
  let ack: any;
  try {
    ack = await s.timeout(10_000).emitWithAck(event, payload);
  } catch {
    ack = { ok: false, error: { code: 'ACK_TIMEOUT' } };
  }
  if (!ack?.ok) countError(ack?.error?.code ?? 'BAD_ACK');
  return { ack, us: Math.max(1, Math.round((now() - from) * 1000)) };
}

interface ServerMetrics {
  eventLoopDelayMs: { p50: number | null; p99: number | null; max: number | null };
  /** Main-thread GC pauses in the window (absent from a server that predates them). */
  gcPauses?: GcWindow;
  memoryBytes: { rss: number; heapUsed: number };
}
/** The server's own view (GET /api/v1/metrics); null when it cannot be read. */
async function serverMetrics(reset = false): Promise<ServerMetrics | null> {
  const headers = fleet.metricsToken ? { authorization: `Bearer ${fleet.metricsToken}` } : undefined;
  try {
    const res = await fetch(`${fleet.url}/api/v1/metrics${reset ? '/reset' : ''}`, {
      method: reset ? 'POST' : 'GET',
      headers,
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return reset ? null : ((await res.json()) as ServerMetrics);
  } catch (e) {
    log(`server metrics unavailable: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

async function main(): Promise<void> {
  const pid = fleet.serverPid;
  const rssIdle0 = rssBytes(pid);
  const heapIdle0 = (await serverMetrics())?.memoryBytes.heapUsed ?? null;
  const staff: Conn[] = [];
  const guards: Conn[] = [];
  const connectStart = now();
  await inBatches(fleet.supervisors, 100, async (u) => {
    staff.push({ socket: await open(u, 'supervisor', u.siteIds), id: u.id, siteId: u.siteIds[0] });
  });
  await inBatches(fleet.guards, 100, async (u) => {
    guards.push({ socket: await open(u, 'guard', [u.siteId]), id: u.id, siteId: u.siteId });
  });
  const connectMs = now() - connectStart;
  const connections = staff.length + guards.length;
  log(`${connections} sockets connected in ${Math.round(connectMs)} ms`);
  const idleCpu0 = cpuMicros(pid);
  await sleep(3000);
  const idleCpu1 = cpuMicros(pid);
  const rssIdle1 = rssBytes(pid);
  const heapIdle1 = (await serverMetrics())?.memoryBytes.heapUsed ?? null;
  // Server CPU with every socket connected and nothing sent: timers, pollers, heartbeats.
  const idleCpuPct =
    idleCpu0 !== null && idleCpu1 !== null ? Math.round((idleCpu1 - idleCpu0) / 300) / 100 : null;

  const staffBySite = new Map<string, Conn[]>();
  for (const c of staff) staffBySite.set(c.siteId, [...(staffBySite.get(c.siteId) ?? []), c]);
  const siteById = new Map(fleet.sites.map((s) => [s.id, s]));

  // Every event a client receives counts as one delivered message; panic_alert broadcasts get a receipt.
  const panics = new PanicLoad(command, guards, staffBySite, (siteId) => siteById.get(siteId)!.center);
  const lagHist = histogram();
  let locationPoints = 0;
  const lastSeen = new Map<string, number>(); // staffId|guardId -> latest recordedAt ms received
  const messages = new MessageLoad(fleet, scenario, command, staff, guards);
  for (const c of [...staff, ...guards])
    c.socket.onAny((event: string, ...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') (last as () => void)();
      const data = args[0] as any;
      // panics are timed in the panic phase too, after the fleet phase's counts
      if (event === 'panic_alert') panics.onAlert(c, data);
      if (!counting) return;
      delivered++;
      messages.onEvent(event, data);
      if (event === 'location_batch') {
        const at = Date.now();
        for (const l of data.locations as { userId: string; recordedAt: string }[]) {
          locationPoints++;
          const t = Date.parse(l.recordedAt);
          lagHist.recordValue(Math.max(1, (at - t) * 1000));
          const key = `${c.id}|${l.userId}`;
          if ((lastSeen.get(key) ?? 0) < t) lastSeen.set(key, t);
        }
      }
    });

  // Clock every guard in (durable commands, bounded concurrency).
  const shiftStart = now();
  await inBatches(guards, 50, async (g) => {
    const s = siteById.get(g.siteId)!;
    await command(g.socket, 'shift_start', { siteId: g.siteId, location: s.center });
  });
  log(`shifts started in ${Math.round(now() - shiftStart)} ms`);

  // ---- fleet phase: GPS every interval with jitter, panics at a fixed rate ----
  const locAck = histogram();
  const lastAccepted = new Map<string, number>(); // guardId -> recordedAt ms of last accepted update
  let locationsSent = 0;
  let locationsAccepted = 0;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const elu0 = performance.eventLoopUtilization();
  // This process's own stalls (its GC, for one; not profiled) land in every latency it measures:
  // reported next to the server's, so a client-side tail is told apart.
  const ownLoop = monitorEventLoopDelay({ resolution: 5 });
  ownLoop.enable();
  // ...and its GC pauses, the first suspect for those stalls: 11,000 clients in one heap.
  const ownGc = new GcPauses().start();
  // ...and whether a stall was this process (or the server) waiting for a core another one held.
  const cpuWait = new CpuWait({ loadGen: process.pid, ...(pid ? { server: pid } : {}) }).start();
  const cpu0 = cpuMicros(pid);
  const db0 = descendantsCpuMicros(pid);
  await serverMetrics(true);
  const t0 = now();
  counting = true;
  /** Every guard's `update_location` every interval ± 20 %; `record` times the acks. Returns its stop. */
  const startLocationLoad = (record: boolean) => {
    let running = true;
    const ticks: ReturnType<typeof setTimeout>[] = [];
    for (const g of guards) {
      const s = siteById.get(g.siteId)!;
      let angle = Math.random() * 2 * Math.PI;
      const tick = () => {
        if (!running) return;
        angle += 0.05;
        const r = s.radiusM * 0.5;
        const recordedAt = new Date();
        const lat = s.center.lat + (r * Math.sin(angle)) / 111_320;
        const lng =
          s.center.lng + (r * Math.cos(angle)) / (111_320 * Math.cos((s.center.lat * Math.PI) / 180));
        if (record) locationsSent++;
        void command(g.socket, 'update_location', {
          lat,
          lng,
          accuracy: 8,
          heading: 90,
          speed: 1.2,
          batteryLevel: 80,
          recordedAt: recordedAt.toISOString(),
        }).then(({ ack, us }) => {
          if (!record) return;
          locAck.recordValue(us);
          if (ack?.ok && ack.data?.accepted) {
            locationsAccepted++;
            lastAccepted.set(g.id, recordedAt.getTime());
          }
        });
        ticks.push(setTimeout(tick, scenario.gpsIntervalMs * (0.8 + Math.random() * 0.4)));
      };
      ticks.push(setTimeout(tick, Math.random() * scenario.gpsIntervalMs));
    }
    return () => {
      running = false;
      for (const t of ticks) clearTimeout(t);
    };
  };
  const stopLocationLoad = startLocationLoad(true);
  timers.push(...panics.schedule(t0 + 1000, t0 + scenario.durationS * 1000 - 1000, scenario.panicsPerS));
  timers.push(...messages.schedule(t0, scenario.durationS));
  const ticker = setInterval(
    () => log(`t=${Math.round((now() - t0) / 1000)}s delivered=${delivered} panics=${panics.progress()}`),
    5000,
  );
  await sleep(scenario.durationS * 1000);
  stopLocationLoad();
  for (const t of timers) clearTimeout(t);
  // drain: one more location window plus in-flight panics
  await sleep(scenario.gpsIntervalMs + 1500);
  counting = false;
  const fleetCommands = commandsSent;
  clearInterval(ticker);
  const windowS = (now() - t0) / 1000;
  const cpu1 = cpuMicros(pid);
  const db1 = descendantsCpuMicros(pid);
  const fleetMetrics = await serverMetrics();
  const fleetLoop = fleetMetrics?.eventLoopDelayMs ?? null;
  const elu = performance.eventLoopUtilization(elu0);
  ownLoop.disable();
  const ownGcWindow = ownGc.snapshot();
  ownGc.stop();
  const cpuWaitWindow = cpuWait.stop();
  let locationPairs = 0;
  let locationPairsMissing = 0;
  for (const g of guards) {
    const t = lastAccepted.get(g.id);
    if (t === undefined) continue;
    for (const s of staffBySite.get(g.siteId) ?? []) {
      locationPairs++;
      if ((lastSeen.get(`${s.id}|${g.id}`) ?? 0) < t) locationPairsMissing++;
    }
  }
  const rssLoaded = rssBytes(pid);

  // ---- panic phase: panics topped up to panicSamples, with the location load running ----
  if (scenario.panicSamples > 0) log(`panic phase: up to ${scenario.panicSamples} panics in all`);
  await panics.topUp(scenario.panicSamples, scenario.panicPhasePerS, () => startLocationLoad(false));

  // ---- durable phase: scan_checkpoint at increasing rates until ack p99 > 50 ms ----
  const scanners = guards.slice(0, Math.min(scenario.scanGuards, guards.length));
  const runs = new Map<string, string>();
  await inBatches(scanners, 50, async (g) => {
    const { ack } = await command(g.socket, 'start_patrol', { routeId: siteById.get(g.siteId)!.routeId });
    const id = ack?.ok ? ack.data.patrolRun.id : ack?.error?.details?.patrolRunId;
    if (id) runs.set(g.id, id as string);
  });
  const steps: {
    rate: number;
    sent: number;
    ok: number;
    results: Record<string, number>;
    /** Rounds restarted (complete_patrol, start_patrol) before the step, outside its timing. */
    patrolsRestarted: number;
    throughput: number;
    p50: number | null;
    p99: number | null;
    p99FromSchedule: number | null;
    serverCpuUsPerCommand: number | null;
    /** The server's write system calls (to clients and PostgreSQL) per command. */
    serverWritesPerCommand: number | null;
    /** CPU of the server's child processes (the embedded PostgreSQL; none for the baseline). */
    dbCpuUsPerCommand: number | null;
    serverLoopDelayP99Ms: number | null;
    serverLoopDelayMaxMs: number | null;
    /** Major GCs on the server during the step: one lands in a 10 s step now and then, and its tail can decide the step's p99. */
    serverMajorGcs: number | null;
  }[] = [];
  const active = scanners.filter((g) => runs.has(g.id));
  /** Each guard walks its route: the next checkpoint in order, scanned where it stands. */
  const walked = new Map<string, number>();
  let patrolsRestarted = 0;
  /** A guard whose round is done completes its run and starts the next, as a guard on shift does. */
  const nextRound = async (g: (typeof active)[number]) => {
    await command(g.socket, 'complete_patrol', { patrolRunId: runs.get(g.id) });
    const { ack } = await command(g.socket, 'start_patrol', { routeId: siteById.get(g.siteId)!.routeId });
    const id = ack?.ok ? ack.data.patrolRun.id : ack?.error?.details?.patrolRunId;
    if (id) runs.set(g.id, id as string);
    walked.set(g.id, 0);
    patrolsRestarted++;
  };
  if (active.length)
    for (const rate of scenario.scanRates) {
      const h = histogram();
      const hs = histogram();
      let sent = 0;
      let ok = 0;
      /** Acks by scan result, refusals by error code: what kind of scan the step measured. */
      const results: Record<string, number> = {};
      const total = Math.round(rate * scenario.scanStepS);
      // Untimed, before the step: a guard that has not enough checkpoints left in its round for
      // the step's scans starts a new round, so the step times scans that count, not DUPLICATEs.
      const restartedBefore = patrolsRestarted;
      const perGuard = Math.ceil(total / active.length);
      await inBatches(
        active.filter((g) => (walked.get(g.id) ?? 0) + perGuard > siteById.get(g.siteId)!.checkpoints.length),
        50,
        nextRound,
      );
      const start = now() + 100;
      const cpuBefore = cpuMicros(pid);
      const writesBefore = writeSyscalls(pid);
      const dbBefore = descendantsCpuMicros(pid);
      await serverMetrics(true);
      const inflight: Promise<void>[] = [];
      const stepTimers: ReturnType<typeof setTimeout>[] = [];
      let k = 0;
      // schedule in 10 ms slices to keep timer count bounded
      await new Promise<void>((done) => {
        const slice = () => {
          const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate) + 1);
          for (; k < due; k++) {
            const g = active[k % active.length];
            const site = siteById.get(g.siteId)!;
            const n = walked.get(g.id) ?? 0;
            walked.set(g.id, n + 1);
            // past the round's end only when one step has more scans per guard than checkpoints
            const checkpoint = site.checkpoints[n % site.checkpoints.length];
            const scheduledAt = start + (k / rate) * 1000;
            sent++;
            const emitAt = now();
            inflight.push(
              command(
                g.socket,
                'scan_checkpoint',
                {
                  patrolRunId: runs.get(g.id),
                  checkpointCode: checkpoint.code,
                  location: checkpoint.location,
                  recordedAt: new Date().toISOString(),
                },
                emitAt,
              ).then(({ ack, us }) => {
                h.recordValue(us);
                hs.recordValue(Math.max(1, Math.round((now() - scheduledAt) * 1000)));
                if (ack?.ok) ok++;
                const kind: string = ack?.ok ? ack.data.result : (ack?.error?.code ?? 'NO_ACK');
                results[kind] = (results[kind] ?? 0) + 1;
              }),
            );
          }
          if (k >= total) return done();
          stepTimers.push(setTimeout(slice, 10));
        };
        stepTimers.push(setTimeout(slice, 100));
      });
      const elapsed = (now() - start) / 1000;
      await Promise.all(inflight);
      const stepCpu = cpuMicros(pid);
      const stepWrites = writeSyscalls(pid);
      const stepDb = descendantsCpuMicros(pid);
      const stepMetrics = await serverMetrics();
      const stepLoop = stepMetrics?.eventLoopDelayMs ?? null;
      const step = {
        rate,
        sent,
        ok,
        results,
        patrolsRestarted: patrolsRestarted - restartedBefore,
        throughput: Math.round(ok / Math.max(elapsed, scenario.scanStepS)),
        p50: ms(h, 50),
        p99: ms(h, 99),
        p99FromSchedule: ms(hs, 99),
        serverCpuUsPerCommand:
          cpuBefore !== null && stepCpu !== null && sent ? Math.round((stepCpu - cpuBefore) / sent) : null,
        serverWritesPerCommand:
          writesBefore !== null && stepWrites !== null && sent
            ? Math.round(((stepWrites - writesBefore) / sent) * 10) / 10
            : null,
        dbCpuUsPerCommand:
          dbBefore !== null && stepDb !== null && sent ? Math.round((stepDb - dbBefore) / sent) : null,
        serverLoopDelayP99Ms: stepLoop?.p99 ?? null,
        serverLoopDelayMaxMs: stepLoop?.max ?? null,
        serverMajorGcs: stepMetrics?.gcPauses?.major.count ?? null,
      };
      steps.push(step);
      log(`scan rate ${rate}/s: ok ${ok}/${sent}, p99 ${step.p99} ms`);
      if ((step.p99 ?? Infinity) > 50 || ok < sent * 0.99) break;
    }

  for (const c of [...staff, ...guards]) c.socket.close();
  const cpuUs = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
  const result = {
    msg: 'result',
    mode: fleet.mode,
    connections,
    connectMs: Math.round(connectMs),
    rssIdleBefore: rssIdle0,
    rssIdleAfter: rssIdle1,
    rssPerConnectionBytes:
      rssIdle0 !== null && rssIdle1 !== null ? Math.round((rssIdle1 - rssIdle0) / connections) : null,
    rssLoaded,
    heapPerConnectionBytes:
      heapIdle0 !== null && heapIdle1 !== null ? Math.round((heapIdle1 - heapIdle0) / connections) : null,
    serverLoopDelayMs: fleetLoop,
    serverGcPauses: fleetMetrics?.gcPauses ?? null,
    serverIdleCpuPct: idleCpuPct,
    serverFleetCpuPct: cpuUs !== null ? Math.round(cpuUs / windowS / 100) / 100 : null,
    windowS: Math.round(windowS * 10) / 10,
    delivered,
    deliveredPerS: Math.round(delivered / windowS),
    serverCpuUs: cpuUs,
    cpuUsPerDelivered: cpuUs !== null && delivered ? Math.round((cpuUs / delivered) * 100) / 100 : null,
    commandsInWindow: fleetCommands,
    dbCpuUs: db0 !== null && db1 !== null ? Math.round(db1 - db0) : null,
    cpuUsPerMessageOrCommand:
      cpuUs !== null && delivered ? Math.round((cpuUs / (delivered + fleetCommands)) * 100) / 100 : null,
    loadGenElu: Math.round(elu.utilization * 1000) / 1000,
    loadGenLoopDelayMs: loopDelayMs(ownLoop),
    loadGenGcPauses: ownGcWindow,
    cpuWait: cpuWaitWindow,
    panic: panics.result(),
    messages: messages.result(),
    location: {
      sent: locationsSent,
      accepted: locationsAccepted,
      pointsDelivered: locationPoints,
      ackP50: ms(locAck, 50),
      ackP99: ms(locAck, 99),
      lagP50: ms(lagHist, 50),
      lagP99: ms(lagHist, 99),
      lastPointPairs: locationPairs,
      lastPointMissing: locationPairsMissing,
    },
    durable: { patrolsStarted: runs.size, steps },
    errors,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`load generator failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
