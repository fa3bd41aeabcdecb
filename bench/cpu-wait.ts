import { readFileSync } from 'node:fs';

/**
 * Time a thread spent runnable but not running (waiting for a CPU), from /proc/<pid>/schedstat:
 * an event-loop stall while this grows is the scheduler's doing (another process held the core),
 * not the thread's own work. The main thread only (its tid is the pid): where the JS runs.
 */
function waitNs(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return null;
  }
}

export interface CpuWaitWindow {
  /** Total time runnable but off the CPU in the window. */
  waitMs: number;
  /** The longest such wait within one sample (samples every `sampleMs`, longer when this process stalls). */
  maxInOneSampleMs: number;
  /** Samples that waited more than 50 ms: stalls a latency figure can see. */
  samplesOver50Ms: number;
}

/** Samples the run-queue wait of some threads (by pid) every `sampleMs` until `stop`. */
export class CpuWait {
  private readonly state = new Map<
    string,
    { pid: number; first: number; last: number; max: number; over: number }
  >();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly pids: Record<string, number>,
    private readonly sampleMs = 100,
  ) {}

  start(): this {
    for (const [name, pid] of Object.entries(this.pids)) {
      const at = waitNs(pid);
      if (at !== null) this.state.set(name, { pid, first: at, last: at, max: 0, over: 0 });
    }
    this.timer = setInterval(() => this.sample(), this.sampleMs);
    this.timer.unref();
    return this;
  }

  /** Per name, the window since `start`; names whose /proc entry could not be read are left out. */
  stop(): Record<string, CpuWaitWindow> {
    clearInterval(this.timer);
    this.sample();
    const out: Record<string, CpuWaitWindow> = {};
    for (const [name, s] of this.state)
      out[name] = {
        waitMs: Math.round((s.last - s.first) / 1e5) / 10,
        maxInOneSampleMs: Math.round(s.max / 1e5) / 10,
        samplesOver50Ms: s.over,
      };
    return out;
  }

  private sample(): void {
    for (const s of this.state.values()) {
      const at = waitNs(s.pid);
      if (at === null) continue;
      const d = at - s.last;
      s.last = at;
      s.max = Math.max(s.max, d);
      if (d > 50e6) s.over++;
    }
  }
}
