import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher, Rooms } from '#realtime';
import { DashboardStatsComputedEvent } from '../events/dashboard-stats-computed.event.js';

/** `dashboard_stats` to the admins (every site) and to each online manager (their own sites). */
@EventsHandler(DashboardStatsComputedEvent)
export class BroadcastWhenDashboardStatsComputed implements IEventHandler<DashboardStatsComputedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle({ admin, managers }: DashboardStatsComputedEvent): void {
    this.publisher.emitTo(Rooms.role('admin'), 'dashboard_stats', admin);
    for (const m of managers) this.publisher.emitToUser(m.userId, 'dashboard_stats', m.stats);
  }
}
