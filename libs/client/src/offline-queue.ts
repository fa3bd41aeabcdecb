import type { FieldAction } from '#contract';

export interface QueuedCommand {
  event: FieldAction;
  payload: Record<string, unknown> & { clientEventId: string; recordedAt: string };
  queuedAt: number;
  /** On the wire now: never dropped to make room, never sent twice at once. */
  sending: boolean;
  resolve: (data: unknown) => void;
  reject: (err: unknown) => void;
}

export class QueueFullError extends Error {
  readonly code = 'QUEUE_FULL';
  constructor() {
    super('Offline queue is full');
  }
}

/**
 * Sent as soon as the client is ready, without waiting for earlier field actions: after a minute
 * offline a phone may hold a dozen GPS fixes, and each waits for its ack. The server lets panics
 * overtake the same way (CommandLanes).
 */
export const isUrgent = (event: string): boolean => event.startsWith('panic_');

/**
 * Field actions made while offline, in the order they happened. Each keeps its device time
 * (`recordedAt`, stamped when queued unless the caller gave one) and its clientEventId, so a
 * command whose ack was lost is retried safely. When full, the oldest location update not on the
 * wire makes room (the next one supersedes it); other actions (a panic, a scan) are never dropped
 * silently. Urgent actions (isUrgent) are not held behind the others (but see urgentWaiting).
 */
export class OfflineQueue {
  private readonly items: QueuedCommand[] = [];

  constructor(
    private readonly max = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** The next action to send in order: the oldest that is not urgent. */
  nextInOrder(): QueuedCommand | undefined {
    return this.items.find((c) => !isUrgent(c.event));
  }

  /**
   * Urgent actions not on the wire that may go now. They overtake everything queued before them
   * except a `shift_start`: the server places a panic at the site of the guard's open shift, so a
   * panic pressed after starting a shift waits for that shift to be stored.
   */
  urgentWaiting(): QueuedCommand[] {
    const ready: QueuedCommand[] = [];
    for (const c of this.items) {
      if (c.event === 'shift_start') break;
      if (isUrgent(c.event) && !c.sending) ready.push(c);
    }
    return ready;
  }

  /** Removes this action (answered or failed for good); a no-op once it is gone. */
  remove(item: QueuedCommand): void {
    const i = this.items.indexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }

  /** Queues a command; throws QueueFullError when nothing can make room. */
  push(
    event: FieldAction,
    payload: Record<string, unknown> & { clientEventId: string },
    resolve: (data: unknown) => void,
    reject: (err: unknown) => void,
  ): QueuedCommand {
    if (this.items.length >= this.max) {
      const i = this.items.findIndex((c) => c.event === 'update_location' && !c.sending);
      if (i < 0) throw new QueueFullError();
      const [dropped] = this.items.splice(i, 1);
      dropped.reject(new QueueFullError());
    }
    const queuedAt = this.now();
    const recordedAt =
      typeof payload.recordedAt === 'string' ? payload.recordedAt : new Date(queuedAt).toISOString();
    const item: QueuedCommand = {
      event,
      payload: { ...payload, recordedAt },
      queuedAt,
      sending: false,
      resolve,
      reject,
    };
    this.items.push(item);
    return item;
  }

  /** Rejects and removes everything (client closed). */
  clear(reason: unknown): void {
    for (const item of this.items.splice(0)) item.reject(reason);
  }
}
