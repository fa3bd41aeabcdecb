import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isDependencyDown, rootLogger } from '#core';
import { EventStore } from '#realtime';
import { NOTIFIABLE_EVENTS } from '../domain/channel-rules.js';
import { NotificationPlanner } from './notification-planner.service.js';

const EVERY_MS = 60_000;
/** Events younger than this are the fast path's (the CQRS handler right after commit). */
const GRACE_MS = 30_000;
/** How far back a sweep looks: a node that died after a commit is noticed within this. */
const WINDOW_MS = 10 * 60_000;
const MAX_EVENTS = 2000;

/**
 * Deliveries are planned after the event's commit, by the node that committed it; a node dying in
 * between would lose them. Every minute, every node re-plans the safety events stored in the last
 * ten minutes from the event log: planning is idempotent (one delivery per channel, event and
 * device), so this adds only what is missing, once across nodes.
 */
@Injectable()
export class PlanningBackstop implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'notifications' });

  constructor(
    private readonly events: EventStore,
    private readonly planner: NotificationPlanner,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => void this.sweep(), EVERY_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  /** Re-plans the window ending GRACE_MS before `now`; returns how many deliveries were missing. */
  async sweep(now = Date.now()): Promise<number> {
    try {
      const to = new Date(now - GRACE_MS);
      const envelopes = await this.events.recordedBetween(
        NOTIFIABLE_EVENTS,
        new Date(to.getTime() - WINDOW_MS),
        to,
        MAX_EVENTS,
      );
      const added = await this.planner.plan(envelopes, { onlyChannelsOlderThanEvent: true });
      if (added) this.log.warn({ added }, 'planned notifications the fast path had missed');
      return added;
    } catch (e) {
      if (!isDependencyDown(e)) this.log.error({ err: e }, 'notification planning backstop failed');
      return 0;
    }
  }
}
