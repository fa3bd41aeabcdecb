import { Injectable, type OnModuleInit } from '@nestjs/common';
import { sqlWhere, toPage, type Page, type Principal } from '#core';
import { SiteSnapshotRegistry } from '#realtime';
import { DataSource } from 'typeorm';
import { visiblePanic } from '../domain/panic-access.js';
import { findPanicView } from '../persistence/panic.repository.js';
import { PANIC_VIEW_SQL, toPanicView, type PanicView } from '../persistence/panic.view.js';
import type { ListPanicsQueryDto } from '../dto/list-panics.query.js';

/** Reads for REST and the `activePanics` part of the join_site snapshot. */
@Injectable()
export class PanicQueries implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly snapshots: SiteSnapshotRegistry,
  ) {}

  onModuleInit(): void {
    this.snapshots.register('activePanics', (siteId) => this.activeOf(siteId));
  }

  async activeOf(siteId: string): Promise<PanicView[]> {
    const rows = await this.db.query(
      `${PANIC_VIEW_SQL} WHERE p.site_id = $1 AND p.status IN ('RAISED','ACKNOWLEDGED') ORDER BY p.raised_at DESC`,
      [siteId],
    );
    return (rows as Record<string, unknown>[]).map(toPanicView);
  }

  async get(me: Principal, id: string): Promise<PanicView> {
    return visiblePanic(me, await findPanicView(this.db.manager, id));
  }

  /** Staff see their sites' panics, admins every site's. */
  async list(me: Principal, q: ListPanicsQueryDto): Promise<Page<PanicView>> {
    const { where: filter, params } = sqlWhere([
      ['p.site_id = ANY(?)', me.role === 'admin' ? undefined : me.siteIds],
      ['p.site_id = ?', q.siteId],
      ['p.status = ?', q.status],
      ['p.raised_at >= ?', q.from && new Date(q.from)],
      ['p.raised_at < ?', q.to && new Date(q.to)],
    ]);
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM panics p ${filter}`,
      params,
    )) as {
      total: number;
    }[];
    const rows = (await this.db.query(
      `${PANIC_VIEW_SQL} ${filter} ORDER BY p.raised_at DESC, p.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as Record<string, unknown>[];
    return toPage(rows.map(toPanicView), total, q);
  }
}
