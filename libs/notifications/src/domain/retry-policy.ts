/**
 * When a failed delivery is tried again: the first retry after 5 s, then doubling up to 15 min, and
 * given up after the attempt whose retries together span more than an hour (docs/protocol.md section 10).
 */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 15 * 60_000;
export const MAX_ATTEMPTS = 12;

/** Delay after failed attempt `attempt` (1-based), or null when it was the last one. */
export function retryDelayMs(attempt: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
}
