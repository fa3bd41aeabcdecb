import { Injectable, type OnModuleInit } from '@nestjs/common';
import { toPage, type Page, type Principal } from '#core';
import { SiteSnapshotRegistry } from '#realtime';
import { DataSource } from 'typeorm';
import { authorizeIncident } from '../domain/incident-access.js';
import type { ListIncidentsQueryDto } from '../dto/list-incidents.query.js';
import {
  findIncident,
  listIncidents,
  openIncidentsAt,
  type IncidentView,
} from '../persistence/incident.repository.js';

/** Reads for REST and the `openIncidents` part of the join_site snapshot. */
@Injectable()
export class IncidentQueries implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly snapshots: SiteSnapshotRegistry,
  ) {}

  onModuleInit(): void {
    this.snapshots.register('openIncidents', (siteId) => this.openOf(siteId));
  }

  async openOf(siteId: string): Promise<IncidentView[]> {
    return openIncidentsAt(this.db, siteId);
  }

  async get(me: Principal, id: string): Promise<IncidentView> {
    return authorizeIncident(me, await findIncident(this.db.manager, id), 'read');
  }

  /** Staff see their sites' incidents, admins every site's. */
  async list(me: Principal, q: ListIncidentsQueryDto): Promise<Page<IncidentView>> {
    const { items, total } = await listIncidents(
      this.db,
      [
        ['i.site_id = ANY(?)', me.role === 'admin' ? undefined : me.siteIds],
        ['i.site_id = ?', q.siteId],
        ['i.status = ?', q.status],
        ['i.priority = ?', q.priority],
        ['i.assignee_id = ?', q.assigneeId],
        ['i.occurred_at >= ?', q.from && new Date(q.from)],
        ['i.occurred_at < ?', q.to && new Date(q.to)],
      ],
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return toPage(items, total, q);
  }
}
