/**
 * Re-checks a condition (through server round trips or local state) until it yields a value,
 * bounded in time. For effects nobody is told about live; not a fixed sleep.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
}
