import { Injectable, type OnModuleInit } from '@nestjs/common';
import { toPage, type Page, type Principal } from '#core';
import { SiteSnapshotRegistry } from '#realtime';
import { DataSource } from 'typeorm';
import { visiblePanic } from '../domain/panic-access.js';
import { activePanicsAt, findPanicView, listPanics } from '../persistence/panic.repository.js';
import type { PanicView } from '../persistence/panic.view.js';
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
    return activePanicsAt(this.db, siteId);
  }

  async get(me: Principal, id: string): Promise<PanicView> {
    return visiblePanic(me, await findPanicView(this.db.manager, id));
  }

  /** Staff see their sites' panics, admins every site's. */
  async list(me: Principal, q: ListPanicsQueryDto): Promise<Page<PanicView>> {
    const { items, total } = await listPanics(
      this.db,
      [
        ['p.site_id = ANY(?)', me.role === 'admin' ? undefined : me.siteIds],
        ['p.site_id = ?', q.siteId],
        ['p.status = ?', q.status],
        ['p.raised_at >= ?', q.from && new Date(q.from)],
        ['p.raised_at < ?', q.to && new Date(q.to)],
      ],
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return toPage(items, total, q);
  }
}
