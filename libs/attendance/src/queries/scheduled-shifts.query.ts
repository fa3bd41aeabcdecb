import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AppError, canAccessSite, PageQueryDto, toPage, type Principal, OptionalIsoTime } from '#core';
import { DataSource } from 'typeorm';
import { SCHEDULED_SQL, toScheduledView } from '../persistence/shift.repository.js';

export class ScheduledShiftsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() guardId?: string;
  @OptionalIsoTime('planned shifts ending after this time')
  from?: string;
  @OptionalIsoTime('planned shifts starting before this time')
  to?: string;
}

/** GET /shifts: planned shifts of the sites the caller may see, by start time. */
@Injectable()
export class ScheduledShiftsQuery {
  constructor(private readonly db: DataSource) {}

  async list(me: Principal, q: ScheduledShiftsQueryDto) {
    if (q.siteId && !canAccessSite(me, q.siteId)) throw AppError.notFound('Site');
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (me.role !== 'admin') add('s.site_id = ANY(?)', me.siteIds);
    if (q.siteId) add('s.site_id = ?', q.siteId);
    if (q.guardId) add('s.guard_id = ?', q.guardId);
    if (q.from) add('s.ends_at > ?', new Date(q.from));
    if (q.to) add('s.starts_at < ?', new Date(q.to));
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM scheduled_shifts s ${cond}`,
      params,
    )) as {
      total: number;
    }[];
    const rows = (await this.db.query(
      `${SCHEDULED_SQL} ${cond} ORDER BY s.starts_at, s.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as Record<string, unknown>[];
    return toPage(rows.map(toScheduledView), total, q);
  }
}
