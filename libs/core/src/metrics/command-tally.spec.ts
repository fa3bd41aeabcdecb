import { CommandTally, commandCounts, commandDurations, DURATION_BUCKETS } from './command-tally.js';
import { metricsTokenAccepts } from './prometheus.endpoint.js';

describe('CommandTally', () => {
  it('counts results by code and puts durations in the first bucket that holds them', () => {
    const t = new CommandTally('scan_checkpoint');
    t.record(null, 0.0004);
    t.record(null, 0.001); // on a bound: `le` includes it
    t.record('CONFLICT', 0.03);
    t.record('CONFLICT', 60);
    expect(commandCounts([t])).toEqual([
      { labels: { command: 'scan_checkpoint', result: 'ok' }, value: 2 },
      { labels: { command: 'scan_checkpoint', result: 'CONFLICT' }, value: 2 },
    ]);
    const byLe = new Map(
      commandDurations('d', [t])
        .filter((v) => v.metricName === 'd_bucket')
        .map((v) => [v.labels.le, v.value]),
    );
    expect(byLe.get(0.001)).toBe(2);
    expect(byLe.get(0.025)).toBe(2);
    expect(byLe.get(0.05)).toBe(3);
    expect(byLe.get(10)).toBe(3);
    expect(byLe.get('+Inf')).toBe(4);
    expect(byLe.size).toBe(DURATION_BUCKETS.length + 1);
    const count = commandDurations('d', [t]).find((v) => v.metricName === 'd_count');
    expect(count?.value).toBe(4);
  });

  it('keeps its counts in numbers and one preallocated array, made once per command name', () => {
    const t = new CommandTally('update_location');
    const buckets = t.buckets;
    for (let i = 0; i < 1000; i++) t.record(null, 0.002);
    expect(t.buckets).toBe(buckets);
    expect(t.errors.size).toBe(0);
    expect([t.ok, t.count]).toEqual([1000, 1000]);
  });
});

describe('METRICS_TOKEN', () => {
  it('opens the endpoint when unset and otherwise wants exactly the bearer token', () => {
    expect(metricsTokenAccepts(undefined, undefined)).toBe(true);
    expect(metricsTokenAccepts('s3cret-token-0123', 'Bearer s3cret-token-0123')).toBe(true);
    expect(metricsTokenAccepts('s3cret-token-0123', 'bearer s3cret-token-0123')).toBe(true);
    expect(metricsTokenAccepts('s3cret-token-0123', 'Bearer s3cret-token-012')).toBe(false);
    expect(metricsTokenAccepts('s3cret-token-0123', 's3cret-token-0123')).toBe(false);
    expect(metricsTokenAccepts('s3cret-token-0123', undefined)).toBe(false);
  });
});
