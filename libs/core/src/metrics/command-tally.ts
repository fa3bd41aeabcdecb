import type { MetricObjectWithValues, MetricValue, MetricValueWithName } from 'prom-client';

/** Upper bounds (seconds) of the command duration histogram: 1 ms to 10 s. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * The counts of one socket command, made once per command name and kept: recording a result is a
 * few number increments and, for an error code, one Map update (codes are interned constants). A
 * prom-client label child was not used on this path: each of its inc/observe calls builds a label
 * object and a hash string (prom-client 15), an allocation per command. The counts become
 * Prometheus samples only when scraped (commandMetrics below).
 */
export class CommandTally {
  ok = 0;
  readonly errors = new Map<string, number>();
  /** Non-cumulative: bucket i counts durations in (bound i-1, bound i]; the last is above 10 s. */
  readonly buckets = new Float64Array(DURATION_BUCKETS.length + 1);
  sum = 0;
  count = 0;

  constructor(readonly command: string) {}

  /** One answered command: `code` null for success, else its error code; duration in seconds. */
  record(code: string | null, seconds: number): void {
    if (code === null) this.ok++;
    else this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    let i = 0;
    while (i < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[i]) i++;
    this.buckets[i]++;
    this.sum += seconds;
    this.count++;
  }
}

type Values = MetricObjectWithValues<MetricValue<string>>;

/** patrolshield_commands_total{command,result}: result is `ok` or the error code of the ack. */
export function commandCounts(tallies: Iterable<CommandTally>): Values['values'] {
  const values: MetricValue<string>[] = [];
  for (const t of tallies) {
    if (t.ok) values.push({ labels: { command: t.command, result: 'ok' }, value: t.ok });
    for (const [code, n] of t.errors) values.push({ labels: { command: t.command, result: code }, value: n });
  }
  return values;
}

/** patrolshield_command_duration_seconds{command}: cumulative buckets, sum and count, as Prometheus wants. */
export function commandDurations(
  name: string,
  tallies: Iterable<CommandTally>,
): MetricValueWithName<string>[] {
  const values: MetricValueWithName<string>[] = [];
  for (const t of tallies) {
    let cumulative = 0;
    DURATION_BUCKETS.forEach((le, i) => {
      cumulative += t.buckets[i];
      values.push({ metricName: `${name}_bucket`, labels: { command: t.command, le }, value: cumulative });
    });
    values.push({ metricName: `${name}_bucket`, labels: { command: t.command, le: '+Inf' }, value: t.count });
    values.push({ metricName: `${name}_sum`, labels: { command: t.command }, value: t.sum });
    values.push({ metricName: `${name}_count`, labels: { command: t.command }, value: t.count });
  }
  return values;
}
