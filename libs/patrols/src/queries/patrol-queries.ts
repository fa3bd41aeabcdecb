import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppError, canAccessSite, toPage, type Page, type PageQueryDto, type Principal } from '#core';
import { SiteSnapshotRegistry } from '#realtime';
import { Between, DataSource, type FindOptionsWhere, In, LessThan, MoreThanOrEqual } from 'typeorm';
import type { PatrolRunStatus } from '../domain/patrol-run.js';
import { CheckpointEntity } from '../persistence/checkpoint.entity.js';
import { PatrolRouteEntity } from '../persistence/patrol-route.entity.js';
import { PatrolRunEntity } from '../persistence/patrol-run.entity.js';
import {
  checkpointView,
  PatrolViews,
  type CheckpointView,
  type PatrolRouteView,
  type PatrolRunView,
} from './patrol-views.js';
import { assertSiteMember, assertSiteStaff } from './site-access.js';

const skip = (q: PageQueryDto) => (q.page - 1) * q.pageSize;

/** Reads for REST and the `patrolsInProgress` part of the join_site snapshot. */
@Injectable()
export class PatrolQueries implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly views: PatrolViews,
    private readonly snapshots: SiteSnapshotRegistry,
  ) {}

  onModuleInit(): void {
    this.snapshots.register('patrolsInProgress', (siteId) => this.inProgress(siteId));
  }

  async inProgress(siteId: string): Promise<PatrolRunView[]> {
    const runs = await this.db
      .getRepository(PatrolRunEntity)
      .find({ where: { siteId, status: 'IN_PROGRESS' }, order: { startedAt: 'ASC', id: 'ASC' } });
    return this.views.runs(this.db.manager, runs);
  }

  async checkpoints(me: Principal, siteId: string, q: PageQueryDto): Promise<Page<CheckpointView>> {
    assertSiteStaff(me, await this.existingSite(siteId));
    const [rows, total] = await this.db.getRepository(CheckpointEntity).findAndCount({
      where: { siteId },
      order: { name: 'ASC', id: 'ASC' },
      skip: skip(q),
      take: q.pageSize,
    });
    return toPage(rows.map(checkpointView), total, q);
  }

  /** Routes of one site, or of every site the caller belongs to (admins: all). */
  async routes(me: Principal, siteId: string | undefined, q: PageQueryDto): Promise<Page<PatrolRouteView>> {
    if (siteId) assertSiteMember(me, siteId);
    const where: FindOptionsWhere<PatrolRouteEntity> = siteId
      ? { siteId }
      : me.role === 'admin'
        ? {}
        : { siteId: In(me.siteIds) };
    const [rows, total] = await this.db.getRepository(PatrolRouteEntity).findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: skip(q),
      take: q.pageSize,
    });
    return toPage(await this.views.routes(this.db.manager, rows), total, q);
  }

  async route(me: Principal, id: string): Promise<PatrolRouteView> {
    const route = await this.db.getRepository(PatrolRouteEntity).findOneBy({ id });
    if (!route || !canAccessSite(me, route.siteId)) throw AppError.notFound('Patrol route');
    return (await this.views.routes(this.db.manager, [route]))[0];
  }

  /** Staff: runs of their sites (admins: all); guards: their own runs. Newest first. */
  async runs(
    me: Principal,
    filter: { siteId?: string; status?: PatrolRunStatus; from?: Date; to?: Date },
    q: PageQueryDto,
  ): Promise<Page<PatrolRunView>> {
    if (filter.siteId) assertSiteMember(me, filter.siteId);
    const where: FindOptionsWhere<PatrolRunEntity> = {
      ...(filter.status && { status: filter.status }),
      ...(filter.siteId ? { siteId: filter.siteId } : me.role === 'admin' ? {} : { siteId: In(me.siteIds) }),
      ...(me.role === 'guard' && { guardId: me.userId }),
      ...startedIn(filter.from, filter.to),
    };
    const [rows, total] = await this.db.getRepository(PatrolRunEntity).findAndCount({
      where,
      order: { startedAt: 'DESC', id: 'ASC' },
      skip: skip(q),
      take: q.pageSize,
    });
    return toPage(await this.views.runs(this.db.manager, rows), total, q);
  }

  /** Every run the filter selects (no paging), newest first, for an export; at most `limit`. */
  async allRuns(
    me: Principal,
    filter: { siteId?: string; status?: PatrolRunStatus; from?: Date; to?: Date },
    limit: number,
  ): Promise<PatrolRunView[]> {
    return (await this.runs(me, filter, { page: 1, pageSize: limit })).items;
  }

  private async existingSite(siteId: string): Promise<string | null> {
    const [row] = (await this.db.query('SELECT id FROM sites WHERE id = $1', [siteId])) as { id: string }[];
    return row?.id ?? null;
  }
}

/** A started-at window [from, to) for the runs query; either end may be open. */
function startedIn(from?: Date, to?: Date): FindOptionsWhere<PatrolRunEntity> {
  if (from && to) return { startedAt: Between(from, new Date(to.getTime() - 1)) };
  if (from) return { startedAt: MoreThanOrEqual(from) };
  if (to) return { startedAt: LessThan(to) };
  return {};
}
