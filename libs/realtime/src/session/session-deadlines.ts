import { rootLogger } from '#core';
import { DeadlineHeap, type Deadline } from './deadline-heap.js';

/** What a deadline needs of a socket (a PsSocket in the product). */
export interface DeadlineSocket {
  readonly id: string;
  readonly connected: boolean;
  readonly data: { expiresAt: number };
  readonly nsp: { readonly sockets: Map<string, unknown> };
}

/** The expiry a socket's deadlines were last set for (off `data`, which must stay plain JSON). */
const SCHEDULED_FOR = Symbol('ps:deadlines-for');
type Marked = { [SCHEDULED_FOR]?: number };

/**
 * The `session_expiring` warning (`leadMs` before the token's expiry) and the `session_expired`
 * cut-off of every socket of this node, on one timer set for the earliest deadline. A timer per
 * socket per deadline cost a Timeout, a closure and its context each, for the life of the socket.
 *
 * A deadline stands while its socket is connected and its token still expires when it was set
 * for; a refreshed token sets new ones, and the old ones are skipped when they come due.
 */
export class SessionDeadlines<S extends DeadlineSocket = DeadlineSocket> {
  private readonly warnings = new DeadlineHeap();
  private readonly expiries = new DeadlineHeap();
  private timer?: NodeJS.Timeout;
  private armedAt = Infinity;
  /** Where a deadline's socket id is looked up: the namespace of the first socket (there is one). */
  private sockets?: Map<string, unknown>;
  private stopped = false;
  private readonly log = rootLogger().child({ context: 'session-deadlines' });

  constructor(
    private readonly leadMs: number,
    private readonly on: { warn(socket: S): void; expire(socket: S): void },
  ) {}

  /** Deadlines pending, stale ones included (for tests and metrics). */
  get pending(): number {
    return this.warnings.size + this.expiries.size;
  }

  /** Sets the socket's deadlines from `socket.data.expiresAt` (on connect and on refresh). */
  schedule(socket: S): void {
    this.sockets ??= socket.nsp.sockets;
    if (socket.nsp.sockets !== this.sockets) throw new Error('SessionDeadlines serves one namespace');
    const expiresAt = socket.data.expiresAt;
    const marked = socket as S & Marked;
    if (marked[SCHEDULED_FOR] === expiresAt) return; // a refresh to the same expiry: already set
    marked[SCHEDULED_FOR] = expiresAt;
    this.warnings.push(expiresAt - this.leadMs, socket.id);
    this.expiries.push(expiresAt, socket.id);
    // Closed sockets and refreshed tokens leave entries behind until they come due: drop them in
    // bulk once they outnumber the live ones, so a reconnect storm cannot grow the heaps for hours.
    if (this.pending > 4 * this.sockets.size + 1024) {
      this.warnings.retain(this.standingOnce(this.leadMs));
      this.expiries.retain(this.standingOnce(0));
    }
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.armedAt = Infinity;
  }

  /** The deadline's socket if it is connected and its token still expires `before` ms after `d.at`. */
  private standing(d: Deadline, before: number): S | undefined {
    const socket = this.sockets?.get(d.key) as S | undefined;
    return socket?.connected && socket.data.expiresAt - before === d.at ? socket : undefined;
  }

  /**
   * A filter for standing deadlines that passes one per socket: a token refreshed from A to B and
   * back to A leaves two entries for A, both standing.
   */
  private standingOnce(before: number): (d: Deadline) => boolean {
    const seen = new Set<string>();
    return (d) => {
      if (seen.has(d.key) || !this.standing(d, before)) return false;
      seen.add(d.key);
      return true;
    };
  }

  /** Sets the one timer for the earliest deadline, unless it is already set for that or earlier. */
  private arm(): void {
    const next = Math.min(this.warnings.peek()?.at ?? Infinity, this.expiries.peek()?.at ?? Infinity);
    if (this.stopped || next >= this.armedAt) return;
    clearTimeout(this.timer);
    this.armedAt = next;
    // setTimeout caps at 2^31-1 ms (~24.8 days); waking before the deadline just sets it again.
    const delay = Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.onTimer(), delay);
    this.timer.unref(); // the sockets keep the process alive, not their deadlines
  }

  private onTimer(): void {
    this.armedAt = Infinity;
    const now = Date.now();
    try {
      this.fire(this.warnings.popDue(now), this.leadMs, (socket) => this.on.warn(socket));
      this.fire(this.expiries.popDue(now), 0, (socket) => this.on.expire(socket));
    } finally {
      this.arm();
    }
  }

  /** Runs `action` for each due deadline that stands, once per socket; one failure stops no other. */
  private fire(due: Deadline[], before: number, action: (socket: S) => void): void {
    const once = this.standingOnce(before);
    for (const d of due) {
      if (!once(d)) continue;
      try {
        action(this.sockets!.get(d.key) as S);
      } catch (err) {
        this.log.error({ err, socketId: d.key }, 'session deadline failed');
      }
    }
  }
}
