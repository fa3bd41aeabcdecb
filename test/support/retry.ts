/**
 * Retries an operation the way a client does after a retryable failure (bounded attempts with a
 * short backoff), until `done(result)` holds. Not a sleep: every attempt is a real round trip.
 */
export async function retryUntil<T>(
  op: () => Promise<T>,
  done: (r: T) => boolean,
  attempts = 60,
  backoffMs = 250,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await op();
    if (done(last)) return last;
    await new Promise<void>((resolve) => setTimeout(resolve, backoffMs));
  }
  throw new Error(`gave up after ${attempts} attempts; last result ${JSON.stringify(last)}`);
}
