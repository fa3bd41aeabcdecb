import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';

export interface GateLimits {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting for a slot, first come, first served. */
  queue: number;
  /** The longest a task waits for a slot before it is refused. */
  maxWaitMs: number;
}

interface Waiter {
  go: () => void;
  timer: NodeJS.Timeout;
}

/**
 * At most `concurrency` tasks run at once and at most `queue` wait, none longer than `maxWaitMs`;
 * a task beyond those is refused with UNAVAILABLE and a retry hint, never left to wait. Bounds
 * the answer time of every caller: a flood gets quick refusals instead of a growing queue.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly limits: GateLimits,
    private readonly busyMessage = 'Too busy, retry shortly',
    private readonly retryAfterMs = 1000,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) this.running++;
    else if (this.waiting.length < this.limits.queue) await this.slot();
    else throw this.busy();
    try {
      return await task();
    } finally {
      // hand the slot straight to the next waiter (running stays the same), or free it
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.go();
      } else this.running--;
    }
  }

  private slot(): Promise<void> {
    return new Promise<void>((go, refuse) => {
      const waiter: Waiter = {
        go,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          refuse(this.busy());
        }, this.limits.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private busy(): AppError {
    return new AppError(ErrorCode.UNAVAILABLE, this.busyMessage, { retryAfterMs: this.retryAfterMs }, true);
  }

  /** Tasks running and waiting now (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
