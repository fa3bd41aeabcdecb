import { Injectable } from '@nestjs/common';
import { PrometheusMetrics, type NotificationDeliveryStatus, type NotificationKind } from '#core';

export interface DeliveryCount {
  kind: string;
  status: string;
  count: number;
}

/**
 * Attempts made by this node, by channel kind and outcome (delivered, retrying, failed, skipped),
 * counted here for the admin and the tests and in `patrolshield_notification_deliveries_total
 * {kind,status}` of GET /metrics. Counts only grow.
 */
@Injectable()
export class DeliveryCounts {
  private readonly counts = new Map<string, DeliveryCount>();

  constructor(private readonly prometheus: PrometheusMetrics) {}

  record(kind: NotificationKind, status: NotificationDeliveryStatus): void {
    this.prometheus.notificationDelivery(kind, status);
    const key = `${kind}\u0000${status}`;
    const c = this.counts.get(key);
    if (c) c.count++;
    else this.counts.set(key, { kind, status, count: 1 });
  }

  /** A copy of every (kind, status) count so far. */
  snapshot(): DeliveryCount[] {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }
}
