import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AppError, canAccessSite, PageQueryDto, toPage, type Principal, OptionalIsoTime } from '#core';
import { DataSource } from 'typeorm';
import { ScheduledShifts } from '../persistence/scheduled-shift.repository.js';

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
    const { items, total } = await ScheduledShifts.page(
      this.db,
      {
        siteIds: me.role === 'admin' ? undefined : me.siteIds,
        siteId: q.siteId,
        guardId: q.guardId,
        endsAfter: q.from ? new Date(q.from) : undefined,
        startsBefore: q.to ? new Date(q.to) : undefined,
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return toPage(items, total, q);
  }
}
