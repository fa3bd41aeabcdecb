import * as hdr from 'hdr-histogram-js';

/** Counters and latencies of the whole simulated fleet, rendered as one screen every second. */
export class SimStats {
  connected = 0;
  users = 0;
  events = 0;
  acksOk = 0;
  readonly errors: Record<string, number> = {};
  readonly sent: Record<string, number> = {};
  readonly panicLatency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });
  private lastEvents = 0;
  private lastAt = performance.now();
  private eventsPerS = 0;
  private readonly startedAt = Date.now();

  count(command: string): void {
    this.sent[command] = (this.sent[command] ?? 0) + 1;
  }

  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  render(title: string, notes: string[]): string {
    const t = performance.now();
    this.eventsPerS = ((this.events - this.lastEvents) * 1000) / Math.max(1, t - this.lastAt);
    this.lastEvents = this.events;
    this.lastAt = t;
    const p = (q: number) =>
      this.panicLatency.totalCount ? (this.panicLatency.getValueAtPercentile(q) / 1000).toFixed(1) : '-';
    const errors = Object.entries(this.errors)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join('  ');
    const sent = Object.entries(this.sent)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join('  ');
    return [
      `PatrolShield fleet simulator  ${title}   up ${Math.round((Date.now() - this.startedAt) / 1000)}s   (Ctrl-C to stop)`,
      '',
      `connected     ${this.connected}/${this.users}`,
      `events/s      ${this.eventsPerS.toFixed(1)}   (total ${this.events})`,
      `acks ok       ${this.acksOk}`,
      `errors        ${errors || 'none'}`,
      `panic latency p50 ${p(50)} ms   p99 ${p(99)} ms   (n=${this.panicLatency.totalCount}, guard emit -> staff receives)`,
      `commands      ${sent}`,
      '',
      ...notes.slice(-5),
    ].join('\n');
  }
}
