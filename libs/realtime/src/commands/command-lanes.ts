import { AppError, rootLogger } from '#core';
import type { CommandLane } from './command-policy.js';

/** Bulk commands started per turn of the event loop; the sockets are read again in between. */
const PER_TURN = 64;
/** A socket with this many commands waiting is sending faster than any client should. */
const MAX_QUEUED_PER_SOCKET = 64;

/** The answer to a command refused because its socket's lane is full. */
export const laneFull = (): AppError => AppError.rateLimited(1000);

const QUEUED = Symbol('ps:queued-commands');
type Queueing = { [QUEUED]?: number };

/**
 * Two lanes for inbound commands, chosen by the command's declared policy (CommandPolicy `lane`).
 * Bulk commands (`update_location`) wait in one FIFO that is drained `PER_TURN` at a time between
 * turns of the event loop (setImmediate); all other commands start as soon as they are read. Once
 * a socket has a command waiting, its later commands queue behind it (a socket's commands keep
 * their order), except urgent ones (the panic commands): those are never queued.
 *
 * Why: after a GC pause at 10,000 guards a node has a second or more of location updates to work
 * through, and handled in read order a panic waited behind all of them (panic p99 1 to 2 s). With
 * the lanes it waits only for the updates to be read, and for one turn's share of their handling.
 * With no backlog the queue is empty again before the next read, so nothing waits in practice.
 *
 * A queued command keeps the time it was read as its `receivedAt` (Responder.readAt, WsSender),
 * not the time it starts: waiting in a lane does not make a fix or scan later than it arrived.
 */
export class CommandLanes {
  private queue: { socket: Queueing; run: () => void }[] = [];
  private head = 0;
  private scheduled = false;
  private readonly log = rootLogger().child({ context: 'command-lanes' });

  /**
   * Starts `run` now or queues it. False when the socket already has MAX_QUEUED_PER_SOCKET waiting:
   * `run` is dropped and the caller answers with `laneFull()`.
   */
  submit(socket: object, lane: CommandLane, run: () => void): boolean {
    const s = socket as Queueing;
    const waiting = s[QUEUED] ?? 0;
    if (lane === 'urgent' || (waiting === 0 && lane !== 'bulk')) {
      run();
      return true;
    }
    if (waiting >= MAX_QUEUED_PER_SOCKET) return false;
    s[QUEUED] = waiting + 1;
    this.queue.push({ socket: s, run });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
    return true;
  }

  /** Commands waiting on this node. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  private drain(): void {
    this.scheduled = false;
    const end = Math.min(this.queue.length, this.head + PER_TURN);
    while (this.head < end) {
      const job = this.queue[this.head];
      this.queue[this.head++] = undefined as never; // let it go
      job.socket[QUEUED]! -= 1;
      try {
        job.run();
      } catch (err) {
        this.log.error({ err }, 'queued command failed to start');
      }
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else {
      if (this.head >= 4096) {
        // A backlog that never empties must not keep every started slot: drop them.
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }
}
