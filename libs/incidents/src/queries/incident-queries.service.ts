import { Injectable, type OnModuleInit } from '@nestjs/common';
import { sqlWhere, toPage, type Page, type Principal } from '#core';
import { SiteSnapshotRegistry } from '#realtime';
import { DataSource } from 'typeorm';
import { authorizeIncident } from '../domain/incident-access.js';
import type { ListIncidentsQueryDto } from '../dto/list-incidents.query.js';
import {
  findIncident,
  INCIDENT_VIEW_SQL,
  toIncidentView,
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
    const rows = (await this.db.query(
      `${INCIDENT_VIEW_SQL} WHERE i.site_id = $1 AND i.status IN ('OPEN','ASSIGNED','IN_PROGRESS')
        ORDER BY i.occurred_at DESC LIMIT 500`,
      [siteId],
    )) as Record<string, unknown>[];
    return rows.map(toIncidentView);
  }

  async get(me: Principal, id: string): Promise<IncidentView> {
    return authorizeIncident(me, await findIncident(this.db.manager, id), 'read');
  }

  /** Staff see their sites' incidents, admins every site's. */
  async list(me: Principal, q: ListIncidentsQueryDto): Promise<Page<IncidentView>> {
    const { where: filter, params } = sqlWhere([
      ['i.site_id = ANY(?)', me.role === 'admin' ? undefined : me.siteIds],
      ['i.site_id = ?', q.siteId],
      ['i.status = ?', q.status],
      ['i.priority = ?', q.priority],
      ['i.assignee_id = ?', q.assigneeId],
      ['i.occurred_at >= ?', q.from && new Date(q.from)],
      ['i.occurred_at < ?', q.to && new Date(q.to)],
    ]);
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM incidents i ${filter}`,
      params,
    )) as {
      total: number;
    }[];
    const rows = (await this.db.query(
      `${INCIDENT_VIEW_SQL} ${filter} ORDER BY i.occurred_at DESC, i.id
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as Record<string, unknown>[];
    return toPage(rows.map(toIncidentView), total, q);
  }
}
