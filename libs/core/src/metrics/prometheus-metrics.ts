import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { RuntimeMetrics } from '../health/runtime-metrics.js';
import { CommandTally, commandCounts, commandDurations } from './command-tally.js';
import { tallyMetric } from './tally-metric.js';

/** Channel kinds of docs/protocol.md section 10. */
export type NotificationKind = 'webhook' | 'email' | 'webpush' | 'fcm';
/**
 * One attempt's outcome: delivered, failed and to be retried, failed for good, or skipped (the
 * event no longer needs it, e.g. a panic acknowledged before its device notification was due).
 */
export type NotificationDeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'skipped';

/**
 * This node's Prometheus registry (GET /metrics, docs/protocol.md section 13): Node's default process
 * metrics, the socket and command figures, events published, notification deliveries, and the
 * event-loop delay and GC pause figures RuntimeMetrics computes for the admin JSON endpoint.
 */
@Injectable()
export class PrometheusMetrics {
  readonly registry = new Registry();
  private readonly tallies = new Map<string, CommandTally>();
  private readonly eventsByType = new Map<string, number>();
  private connectedSockets: () => number = () => 0;
  private readonly deliveries = new Counter({
    name: 'patrolshield_notification_deliveries_total',
    help: 'Notifications sent outside the socket, by channel kind and outcome',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  constructor(runtime: RuntimeMetrics) {
    collectDefaultMetrics({ register: this.registry });
    const sockets = () => this.connectedSockets();
    new Gauge({
      name: 'patrolshield_connected_sockets',
      help: 'Socket.IO connections open on this node',
      registers: [this.registry],
      collect() {
        this.set(sockets());
      },
    });
    this.registry.registerMetric(
      tallyMetric(
        'patrolshield_commands_total',
        'Socket commands answered, by command and result (ok or the error code of the ack)',
        'counter',
        () => commandCounts(this.tallies.values()),
        () => this.tallies.clear(),
      ),
    );
    this.registry.registerMetric(
      tallyMetric(
        'patrolshield_command_duration_seconds',
        'Socket commands from being read off the socket to their ack',
        'histogram',
        () => commandDurations('patrolshield_command_duration_seconds', this.tallies.values()),
        () => this.tallies.clear(),
      ),
    );
    this.registry.registerMetric(
      tallyMetric(
        'patrolshield_events_published_total',
        'Durable events broadcast to their stream rooms, by type',
        'counter',
        () => [...this.eventsByType].map(([type, value]) => ({ labels: { type }, value })),
        () => this.eventsByType.clear(),
      ),
    );
    registerRuntimeGauges(this.registry, runtime);
  }

  /** The counts of one command name, made on first use and kept (the adapter holds it per command). */
  command(name: string): CommandTally {
    let t = this.tallies.get(name);
    if (!t) this.tallies.set(name, (t = new CommandTally(name)));
    return t;
  }

  eventPublished(type: string): void {
    this.eventsByType.set(type, (this.eventsByType.get(type) ?? 0) + 1);
  }

  /** For the notifications module: one delivery attempt through a channel and its outcome. */
  notificationDelivery(kind: NotificationKind, status: NotificationDeliveryStatus): void {
    this.deliveries.inc({ kind, status });
  }

  countSocketsWith(count: () => number): void {
    this.connectedSockets = count;
  }
}

/** RuntimeMetrics' window (since boot or POST /api/v1/metrics/reset) as gauges. */
function registerRuntimeGauges(registry: Registry, runtime: RuntimeMetrics): void {
  new Gauge({
    name: 'patrolshield_event_loop_delay_seconds',
    help: 'Event-loop delay over the current window (monitorEventLoopDelay, 5 ms resolution)',
    labelNames: ['stat'] as const,
    registers: [registry],
    collect() {
      const d = runtime.snapshot().eventLoopDelayMs;
      for (const stat of ['mean', 'p50', 'p99', 'max'] as const)
        if (d[stat] !== null) this.set({ stat }, d[stat] / 1000);
    },
  });
  new Gauge({
    name: 'patrolshield_gc_pause_seconds',
    help: 'Main-thread GC pause time over the current window, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const gc = runtime.snapshot().gcPauses;
      for (const kind of ['minor', 'major', 'incremental', 'weakcb'] as const)
        this.set({ kind }, gc[kind].totalMs / 1000);
    },
  });
  new Gauge({
    name: 'patrolshield_gc_paused_ratio',
    help: 'Share of the current window the main thread spent in reported GC pauses',
    registers: [registry],
    collect() {
      this.set(runtime.snapshot().gcPauses.pausedPct / 100);
    },
  });
}
