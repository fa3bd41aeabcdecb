/**
 * The panic part of the scenario: random guards without an active panic press the panic button at
 * a fixed rate; the first staff device of the site to receive `panic_alert` acknowledges and then
 * resolves it, so the guard is free to press again. Latency is timed from the scheduled send to
 * each site staff socket receiving `panic_alert`. The fleet phase raises `--panics-per-s`; the panic
 * phase after it tops the count up to `--panic-samples` panics at `--panic-phase-per-s`, so the p99
 * comes from enough panics to mean something (at 2/s a 30 s fleet phase has 57: its p99 was the
 * slowest one or two).
 */
import { histogram, ms, percentiles, type Member, type Send } from './common.js';

interface Pending {
  /** The panic's id, known from its first alert. */
  id?: string;
  /** Staff sockets that received its alert (a second alert to one is a repeat, not a delivery). */
  reached: Set<Member>;
  startAt: number;
  sentAt: number;
  sentWallMs: number;
  received: number;
}

const now = () => performance.now();
const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

export class PanicLoad {
  private readonly latency = histogram();
  // Where a panic's time went, to tell the server's share from this process's own stalls: from the
  // real send (not the schedule), then split at the panic's receivedAt (the server's wall clock,
  // whole ms, one host). Both servers take receivedAt when the command is read off the socket.
  // The second half includes this process's receive-side stalls.
  private readonly fromSend = histogram();
  private readonly toServer = histogram();
  private readonly fromServer = histogram();
  private readonly pending = new Map<string, Pending>(); // guardId -> its active panic
  private sent = 0;
  private skipped = 0;
  /** Panics whose alert reached at least one staff socket. */
  private timed = 0;
  private expected = 0;
  private received = 0;
  /** Alerts that were not a first delivery: a repeat to the same staff socket, or a late alert of the guard's previous panic. */
  private repeated = 0;
  private phase: { sent: number; skipped: number; perS: number; windowS: number } | null = null;
  /** The fleet phase's panics alone (the phase with messages), taken before the panic phase starts. */
  private fleet: ReturnType<PanicLoad['latencies']> | null = null;

  constructor(
    private readonly send: Send,
    private readonly guards: Member[],
    private readonly staffBySite: Map<string, Member[]>,
    private readonly centreOf: (siteId: string) => { lat: number; lng: number },
  ) {}

  /** Times a received `panic_alert` of this run; the first staff socket to get it works the panic. */
  onAlert(staff: Member, data: any): void {
    const guardId = data?.actor?.userId as string;
    const p = this.pending.get(guardId);
    if (!p) return;
    const panicId = data?.data?.panic?.id as string;
    const serverMs = Date.parse(data?.data?.panic?.receivedAt as string);
    // The guard's previous panic was received by the server before this one was sent (one host,
    // one clock), so its late alert cannot pass for this panic's first one.
    const previous = (p.id !== undefined && panicId !== p.id) || serverMs < p.sentWallMs;
    if (previous || p.reached.has(staff)) return void this.repeated++;
    p.id = panicId;
    p.reached.add(staff);
    p.received++;
    this.received++;
    this.latency.recordValue(Math.max(1, Math.round((now() - p.startAt) * 1000)));
    this.fromSend.recordValue(Math.max(1, Math.round((now() - p.sentAt) * 1000)));
    if (Number.isFinite(serverMs)) {
      this.toServer.recordValue(Math.max(1, (serverMs - p.sentWallMs) * 1000));
      this.fromServer.recordValue(Math.max(1, (Date.now() - serverMs) * 1000));
    }
    if (p.received === 1) {
      this.timed++;
      void this.work(staff, data.data.panic.id as string, guardId);
    }
  }

  /** Schedules a panic every 1000/perS ms from `from` until `until` (performance.now()); returns the timers. */
  schedule(from: number, until: number, perS: number, max = Infinity): ReturnType<typeof setTimeout>[] {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const every = 1000 / perS;
    for (let k = 0; k < max; k++) {
      const scheduledAt = from + k * every;
      if (scheduledAt > until) break;
      timers.push(setTimeout(() => this.raise(scheduledAt), scheduledAt - now()));
    }
    return timers;
  }

  /**
   * The panic phase: `missing` more panics at `perS` while `background` (the location load) runs,
   * then waits for the last ones to be worked. Does nothing when none are missing.
   */
  async topUp(target: number, perS: number, background: () => () => void): Promise<void> {
    this.fleet = this.latencies();
    const missing = target - this.sent;
    if (missing <= 0 || perS <= 0) return;
    const [sentBefore, skippedBefore] = [this.sent, this.skipped];
    const stop = background();
    const t0 = now();
    const timers = this.schedule(t0 + 1000, Infinity, perS, missing);
    await sleep(1000 + (missing / perS) * 1000);
    // drain: in-flight panics are delivered and worked (ack, resolve) before the load stops
    for (let waited = 0; this.pending.size && waited < 15_000; waited += 100) await sleep(100);
    stop();
    for (const t of timers) clearTimeout(t);
    this.phase = {
      sent: this.sent - sentBefore,
      skipped: this.skipped - skippedBefore,
      perS,
      windowS: Math.round((now() - t0) / 100) / 10,
    };
  }

  private raise(scheduledAt: number): void {
    const free = this.guards.filter(
      (g) => !this.pending.has(g.id) && (this.staffBySite.get(g.siteId)?.length ?? 0) > 0,
    );
    if (!free.length) return void this.skipped++;
    const g = free[Math.floor(Math.random() * free.length)];
    // From the schedule, so this process running late counts (no coordinated omission); but Node
    // timers may fire up to a millisecond before a fractional due time, and then the real send is
    // the start (else sub-ms latencies read as 0).
    const sentAt = now();
    const sentWallMs = Date.now();
    this.pending.set(g.id, {
      reached: new Set(),
      startAt: Math.min(scheduledAt, sentAt),
      sentAt,
      sentWallMs,
      received: 0,
    });
    this.expected += this.staffBySite.get(g.siteId)!.length;
    this.sent++;
    void this.send(g.socket, 'panic_alert', {
      location: this.centreOf(g.siteId),
      type: 'PANIC',
      batteryLevel: 50,
      message: 'bench',
      recordedAt: new Date(sentWallMs).toISOString(),
    });
  }

  private async work(staff: Member, panicId: string, guardId: string): Promise<void> {
    await sleep(300);
    await this.send(staff.socket, 'panic_acknowledge', { panicId });
    await sleep(300);
    await this.send(staff.socket, 'panic_resolve', { panicId, notes: 'bench' });
    await sleep(200);
    this.pending.delete(guardId);
  }

  /** For the ticker: deliveries received / expected so far. */
  progress(): string {
    return `${this.received}/${this.expected}`;
  }

  result() {
    return {
      sent: this.sent,
      skippedNoFreeGuard: this.skipped,
      expectedDeliveries: this.expected,
      lost: this.expected - this.received,
      /** Alerts not counted as deliveries (see `repeated`); clients drop them by stream and seq. */
      repeated: this.repeated,
      ...this.latencies(),
      toServerP99: ms(this.toServer, 99),
      fromServerP99: ms(this.fromServer, 99),
      /** The panic phase after the fleet phase; null when the fleet phase had enough panics. */
      phase: this.phase,
      /** The same figures for the fleet phase's panics alone (it runs the messages, the panic phase does not). */
      fleet: this.fleet,
    };
  }

  private latencies() {
    return {
      /** Panics the latencies come from (their alert reached a staff socket): the p99's sample count. */
      timed: this.timed,
      /** Deliveries timed (one per staff socket of the panic's site). */
      samples: this.latency.totalCount,
      received: this.received,
      ...percentiles(this.latency),
      fromSendP99: ms(this.fromSend, 99),
    };
  }
}
