import { Injectable } from '@nestjs/common';

export interface DeliveryCount {
  kind: string;
  status: string;
  count: number;
}

/**
 * Attempts made by this node, by channel kind and outcome (delivered, retrying, failed, skipped):
 * what `patrolshield_notification_deliveries_total{kind,status}` reads. Counts only grow.
 */
@Injectable()
export class DeliveryCounts {
  private readonly counts = new Map<string, DeliveryCount>();

  record(kind: string, status: string): void {
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
