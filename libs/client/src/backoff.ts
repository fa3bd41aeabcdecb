import type { AckError } from '#contract';

export interface BackoffOptions {
  /** First retry delay, doubled per attempt. */
  baseMs: number;
  /** Cap of one delay. */
  maxMs: number;
}
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 10_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential step plus a random half, so
 * retries never bunch at zero and a fleet that lost the server together does not come back in step.
 * `attempt` is 0 for the first retry.
 */
export function backoffDelay(
  attempt: number,
  o: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const step = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The wait before retrying a failed command, or null when the failure is not worth retrying. */
export function retryDelay(
  error: Pick<AckError, 'code' | 'details' | 'retryable'> | 'ACK_TIMEOUT',
  attempt: number,
  o: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number | null {
  const base = backoffDelay(attempt, o, random);
  if (error === 'ACK_TIMEOUT') return base;
  if (error.code === 'RATE_LIMITED') {
    const after = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    const wait = typeof after === 'number' && after > 0 ? after : 0;
    // Honour the server's hint, plus a little jitter so the retries of many commands spread out.
    return Math.max(wait + Math.round(random() * Math.min(250, o.baseMs)), base);
  }
  if (error.code === 'UNAVAILABLE') return base;
  return null;
}
