import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AppError, PageNumber, type Principal, OptionalIsoTime } from '#core';
import { DataSource } from 'typeorm';
import { LocationHistoryRepository } from '../persistence/location-history.repository.js';

export class HistoryQueryDto {
  @OptionalIsoTime('default: 24 h before `to`')
  from?: string;
  @OptionalIsoTime('default: now')
  to?: string;
  @PageNumber()
  page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  pageSize: number = 1000;
}

/** GET /tracking/users/:id/history: admins, or staff of a site the user is assigned to (those sites only). */
@Injectable()
export class LocationHistoryQuery {
  constructor(
    private readonly db: DataSource,
    private readonly repo: LocationHistoryRepository,
  ) {}

  async history(me: Principal, userId: string, q: HistoryQueryDto, now = new Date()) {
    let siteIds: string[] | null = null;
    if (me.role !== 'admin') {
      const shared = (await this.db.query(
        'SELECT site_id FROM site_assignments WHERE user_id = $1 AND site_id = ANY($2::uuid[])',
        [userId, me.siteIds],
      )) as { site_id: string }[];
      if (!shared.length) throw AppError.notFound('User');
      siteIds = shared.map((s) => s.site_id);
    } else {
      const [user] = (await this.db.query('SELECT 1 FROM users WHERE id = $1', [userId])) as unknown[];
      if (!user) throw AppError.notFound('User');
    }
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
    if (from >= to)
      throw AppError.validation([{ field: 'to', constraints: { isAfterFrom: 'to must be after from' } }]);
    const { items, total } = await this.repo.history(
      userId,
      from,
      to,
      siteIds,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return {
      userId,
      from: from.toISOString(),
      to: to.toISOString(),
      items,
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
