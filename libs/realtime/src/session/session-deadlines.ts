import { DeadlineHeap, type Deadline } from './deadline-heap.js';

/** What a deadline needs of a socket (a PsSocket in the product). */
export interface DeadlineSocket {
  readonly id: string;
  readonly connected: boolean;
  readonly data: { expiresAt: number };
  readonly nsp: { readonly sockets: Map<string, unknown> };
}

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
    const expiresAt = socket.data.expiresAt;
    this.warnings.push(expiresAt - this.leadMs, socket.id);
    this.expiries.push(expiresAt, socket.id);
    // Closed sockets and refreshed tokens leave entries behind until they come due: drop them in
    // bulk once they outnumber the live ones, so a reconnect storm cannot grow the heaps for hours.
    if (this.pending > 4 * this.sockets.size + 1024) {
      this.warnings.retain((d) => this.standing(d, this.leadMs) !== undefined);
      this.expiries.retain((d) => this.standing(d, 0) !== undefined);
    }
    this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.armedAt = Infinity;
  }

  /** The deadline's socket if it is connected and its token still expires `before` ms after `d.at`. */
  private standing(d: Deadline, before: number): S | undefined {
    const socket = this.sockets?.get(d.key) as S | undefined;
    return socket?.connected && socket.data.expiresAt - before === d.at ? socket : undefined;
  }

  /** Sets the one timer for the earliest deadline, unless it is already set for that or earlier. */
  private arm(): void {
    const next = Math.min(this.warnings.peek()?.at ?? Infinity, this.expiries.peek()?.at ?? Infinity);
    if (next >= this.armedAt) return;
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
    for (const d of this.warnings.popDue(now)) {
      const socket = this.standing(d, this.leadMs);
      if (socket) this.on.warn(socket);
    }
    for (const d of this.expiries.popDue(now)) {
      const socket = this.standing(d, 0);
      if (socket) this.on.expire(socket);
    }
    this.arm();
  }
}
