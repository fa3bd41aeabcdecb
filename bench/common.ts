import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as hdr from 'hdr-histogram-js';
import type { Socket } from 'socket.io-client';

/** Everything the load generator needs to drive one server: who connects, where, with what. */
export interface Fleet {
  mode: 'ours' | 'baseline';
  url: string;
  serverPid: number;
  /** Bearer token for the server's /api/v1/metrics (ours: an admin; the baseline asks for none). */
  metricsToken?: string;
  sites: {
    id: string;
    routeId: string;
    center: { lat: number; lng: number };
    radiusM: number;
    /** The route's checkpoints in walking order, where a guard scans them. */
    checkpoints: { code: string; location: { lat: number; lng: number } }[];
  }[];
  guards: { id: string; siteId: string; token?: string }[];
  supervisors: { id: string; siteIds: string[]; token?: string }[];
}
export interface Scenario {
  durationS: number;
  gpsIntervalMs: number;
  panicsPerS: number;
  /** Panics in all (fleet phase plus the panic phase that tops them up); 0: no panic phase. */
  panicSamples: number;
  /** Panic rate of the panic phase. */
  panicPhasePerS: number;
  /** Each site's staff posts in its conversation this often (0: never). */
  siteMessageIntervalS: number;
  /** Direct messages between random people of one site, fleet-wide (0: none). */
  directMessagesPerS: number;
  scanRates: number[];
  scanStepS: number;
  scanGuards: number;
}

export type Histogram = ReturnType<typeof hdr.build>;
/** Microsecond histograms up to 2 minutes, 3 significant digits. */
export const histogram = (): Histogram =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });

export const ms = (h: Histogram, p: number): number | null =>
  h.totalCount ? Math.round(h.getValueAtPercentile(p) / 10) / 100 : null;

/** p50, p99, p99.9 and max of a latency histogram, in ms. */
export const percentiles = (h: Histogram) => ({
  p50: ms(h, 50),
  p99: ms(h, 99),
  p999: ms(h, 99.9),
  max: ms(h, 100),
});

/** A connected person of the fleet, as the load parts see it. */
export interface Member {
  socket: Socket;
  id: string;
  siteId: string;
}
/** Emits a command; resolves with the ack and its latency in µs (the load generator's `command`). */
export type Send = (
  s: Socket,
  event: string,
  payload: unknown,
  from?: number,
) => Promise<{ ack: any; us: number }>;

const CLK_TCK = 100;
/** utime + stime of a process in microseconds (Linux /proc). */
export function cpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
  } catch {
    return null;
  }
}
/**
 * Write-family system calls (write, writev, sendmsg...) the process has made, from /proc/<pid>/io;
 * unlike CPU time, a count that does not depend on what else the machine is doing. Linux.
 */
export function writeSyscalls(pid: number): number | null {
  try {
    const m = /^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
/** /proc/<pid>/stat fields after the command name, per live process. Linux. */
function procStats(): Map<number, string[]> {
  const stats = new Map<number, string[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      stats.set(Number(name), stat.slice(stat.lastIndexOf(')') + 2).split(' '));
    } catch {
      // exited while we looked
    }
  }
  return stats;
}

/** Every live process below `pid` (for ours: the embedded PostgreSQL's postmaster and backends). */
export function descendantPids(pid: number, stats = procStats()): number[] {
  const below = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, f] of stats)
      if (!below.has(p) && below.has(Number(f[1]))) {
        below.add(p);
        grew = true;
      }
  }
  below.delete(pid);
  return [...below];
}

/**
 * CPU of every process below `pid` (for ours: the embedded PostgreSQL's postmaster and backends),
 * including children they already reaped (backends of closed connections). Linux /proc.
 */
export function descendantsCpuMicros(pid: number): number | null {
  try {
    const stats = procStats();
    let ticks = 0;
    for (const p of descendantPids(pid, stats)) {
      const f = stats.get(p)!;
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    }
    return (ticks * 1e6) / CLK_TCK;
  } catch {
    return null;
  }
}
/** Resident set size in bytes (Linux /proc). */
export function rssBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const hasTaskset = (): boolean => spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Spawns `node <script>` (this process's Node unless `nodePath` says) pinned to a core when taskset exists. */
export function spawnNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  core: number | null,
  extraNodeArgs: string[] = [],
  nodePath = process.execPath,
): ChildProcess {
  const node = [nodePath, ...extraNodeArgs, script, ...args];
  const [cmd, ...rest] = core === null ? node : ['taskset', '-c', String(core), ...node];
  return spawn(cmd, rest, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line that satisfies `match` (JSON lines), or rejects on exit/timeout. */
export function waitForLine<T>(
  child: ChildProcess,
  match: (obj: any) => boolean,
  timeoutMs: number,
  tail: string[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms:\n${tail.slice(-15).join('\n')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        tail.push(line);
        if (tail.length > 200) tail.shift();
        let obj: unknown;
        try {
          obj = JSON.parse(line);
        } catch {
          continue;
        }
        if (match(obj)) return finish(undefined, obj as T);
      }
    };
    const onExit = (code: number | null) =>
      finish(new Error(`process exited (${code}):\n${tail.slice(-15).join('\n')}`));
    const finish = (err?: Error, value?: T) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      // keep draining so the child never blocks on a full pipe
      child.stdout!.on('data', () => undefined);
      if (err) reject(err);
      else resolve(value!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      tail.push(c.toString());
      if (tail.length > 200) tail.shift();
    });
    child.once('exit', onExit);
  });
}

export function stopChild(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
