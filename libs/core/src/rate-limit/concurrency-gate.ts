import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';

/**
 * At most `concurrency` tasks run at once, at most `queue` wait (first come, first served); a
 * task beyond both is refused at once with UNAVAILABLE and a retry hint, never left to wait.
 * Bounds the wait of every caller: a flood gets quick refusals instead of a growing queue.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
    private readonly busyMessage = 'Too busy, retry shortly',
    private readonly retryAfterMs = 1000,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length < this.queue) await new Promise<void>((go) => this.waiting.push(go));
    else
      throw new AppError(ErrorCode.UNAVAILABLE, this.busyMessage, { retryAfterMs: this.retryAfterMs }, true);
    try {
      return await task();
    } finally {
      // hand the slot straight to the next waiter (running stays the same), or free it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Tasks running and waiting now (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
