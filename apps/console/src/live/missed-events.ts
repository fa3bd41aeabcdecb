import type { ConsoleState } from '../state/console-state.js';

/**
 * What the user missed while disconnected: the durable events that arrive between a disconnect
 * and the next `ready` are the ones sync replayed (the SDK emits `ready` only once caught up).
 */
export class MissedEvents {
  private offline = false;
  private byType: Record<string, number> = {};

  disconnected(): void {
    if (this.offline) return; // several disconnects before one ready count as one outage
    this.offline = true;
    this.byType = {};
  }

  seen(type: string): void {
    if (this.offline) this.byType[type] = (this.byType[type] ?? 0) + 1;
  }

  /** At `ready`: the reconnect's summary, or null on the first connect. */
  caughtUp(now = new Date()): ConsoleState['missed'] {
    if (!this.offline) return null;
    this.offline = false;
    const total = Object.values(this.byType).reduce((a, b) => a + b, 0);
    return { at: now.toISOString(), total, byType: this.byType };
  }
}
