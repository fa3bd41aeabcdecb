import type { FieldAction } from './contract.js';

export interface QueuedCommand {
  event: FieldAction;
  payload: Record<string, unknown> & { clientEventId: string; recordedAt: string };
  queuedAt: number;
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
 * Field actions made while offline, in the order they happened. Each keeps its device time
 * (`recordedAt`, stamped when queued unless the caller gave one) and its clientEventId, so a
 * command whose ack was lost is retried safely. When full, the oldest location update makes room
 * (the next one supersedes it); other actions (a panic, a scan) are never dropped silently.
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

  peek(): QueuedCommand | undefined {
    return this.items[0];
  }

  shift(): QueuedCommand | undefined {
    return this.items.shift();
  }

  /** Queues a command; throws QueueFullError when nothing can make room. */
  push(
    event: FieldAction,
    payload: Record<string, unknown> & { clientEventId: string },
    resolve: (data: unknown) => void,
    reject: (err: unknown) => void,
  ): QueuedCommand {
    if (this.items.length >= this.max) {
      const i = this.items.findIndex((c) => c.event === 'update_location');
      if (i < 0) throw new QueueFullError();
      const [dropped] = this.items.splice(i, 1);
      dropped.reject(new QueueFullError());
    }
    const queuedAt = this.now();
    const recordedAt =
      typeof payload.recordedAt === 'string' ? payload.recordedAt : new Date(queuedAt).toISOString();
    const item: QueuedCommand = { event, payload: { ...payload, recordedAt }, queuedAt, resolve, reject };
    this.items.push(item);
    return item;
  }

  /** Rejects and removes everything (client closed). */
  clear(reason: unknown): void {
    for (const item of this.items.splice(0)) item.reject(reason);
  }
}
