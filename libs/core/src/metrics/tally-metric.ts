import type { Metric, MetricValueWithName } from 'prom-client';

/**
 * A metric whose samples are computed at scrape time from counts kept elsewhere in plain numbers
 * (CommandTally, the events-by-type Map), registered in a prom-client Registry like its own
 * metrics: the registry only calls `get()` (and `reset()` on resetMetrics).
 */
export function tallyMetric(
  name: string,
  help: string,
  type: 'counter' | 'histogram',
  values: () => MetricValueWithName<string>[],
  reset: () => void,
): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: values() }),
    reset,
  };
  return metric as unknown as Metric;
}
