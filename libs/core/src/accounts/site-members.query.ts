import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { isSiteStaff, type Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { PageMetaDto, PageQueryDto, toPage, type Page } from '../http/pagination.js';
import { ROLES, type Role } from './role.js';

export class SiteMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'only this role, e.g. guard' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class SiteMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
}

export class SiteMemberPageDto extends PageMetaDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: [SiteMemberDto] }) items: SiteMemberDto[];
}

/**
 * GET /sites/:id/members: the people assigned to a site by name, for its staff (supervisors and
 * managers of the site, admins); GET /users stays admin-only (it shows emails and every site).
 */
@Injectable()
export class SiteMembersQuery {
  constructor(private readonly db: DataSource) {}

  async list(
    me: Principal,
    siteId: string,
    q: SiteMembersQueryDto,
  ): Promise<Page<SiteMemberDto> & { siteId: string }> {
    if (!isSiteStaff(me, siteId)) throw AppError.notFound('Site');
    const [{ exists }] = (await this.db.query('SELECT EXISTS (SELECT 1 FROM sites WHERE id = $1) AS exists', [
      siteId,
    ])) as { exists: boolean }[];
    if (!exists) throw AppError.notFound('Site');
    const params: unknown[] = [siteId];
    let where = 'a.site_id = $1';
    if (q.role) where += ` AND u.role = $${params.push(q.role)}`;
    const from = `FROM site_assignments a JOIN users u ON u.id = a.user_id WHERE ${where}`;
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total ${from}`, params)) as {
      total: number;
    }[];
    const items = (await this.db.query(
      `SELECT u.id, u.name, u.role, u.active ${from} ORDER BY u.name, u.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as SiteMemberDto[];
    return { siteId, ...toPage(items, total, q) };
  }
}
