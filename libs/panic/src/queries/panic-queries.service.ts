import { Injectable, type OnModuleInit } from '@nestjs/common';
import { toPage, type Page, type Principal } from '#core';
import { SiteSnapshotRegistry } from '#realtime';
import { DataSource } from 'typeorm';
import { visiblePanic } from '../domain/panic-access.js';
import {
  findPanicView,
  PANIC_VIEW_SQL,
  toPanicView,
  type PanicView,
} from '../persistence/panic.repository.js';
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
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (me.role !== 'admin') add('p.site_id = ANY(?)', me.siteIds);
    if (q.siteId) add('p.site_id = ?', q.siteId);
    if (q.status) add('p.status = ?', q.status);
    if (q.from) add('p.raised_at >= ?', new Date(q.from));
    if (q.to) add('p.raised_at < ?', new Date(q.to));
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
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
