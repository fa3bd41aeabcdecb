import type { Histogram } from 'node:perf_hooks';

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/**
 * An event-loop delay histogram (`monitorEventLoopDelay`, nanoseconds) in ms with 0.01 steps, the
 * shape the metrics endpoint, the bench's baseline server and its load generator all report; the
 * statistics are null while it has no samples. No Nest import: the bench processes load it too.
 */
export function loopDelayMs(h: Histogram) {
  const has = h.count > 0;
  return {
    samples: h.count,
    mean: has ? ms(h.mean) : null,
    p50: has ? ms(h.percentile(50)) : null,
    p99: has ? ms(h.percentile(99)) : null,
    max: has ? ms(h.max) : null,
  };
}
