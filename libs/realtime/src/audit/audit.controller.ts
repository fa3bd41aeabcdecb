import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, PageQueryDto, readPage, toPage } from '#core';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditPageDto } from './audit-entry.dto.js';

class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ example: 'panic_alert' }) @IsOptional() @IsString() @MaxLength(64) event?: string;
  @ApiPropertyOptional({ enum: ['ok', 'error', 'refused', 'connected', 'disconnected'] })
  @IsOptional()
  @IsIn(['ok', 'error', 'refused', 'connected', 'disconnected'])
  result?: string;
  @ApiPropertyOptional({ example: 'FORBIDDEN' }) @IsOptional() @IsString() @MaxLength(32) code?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() to?: string;
}

@ApiTags('audit')
@Controller('audit')
@Authenticated('admin')
export class AuditController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'Audit log (admin): connects, disconnects, refused handshakes, every inbound command',
  })
  @ApiOkResponse({ type: AuditPageDto, description: 'newest first' })
  @ApiErrors(400)
  async list(@Query() q: AuditQueryDto) {
    const { rows, total } = await readPage(this.db, {
      select: `SELECT id::text, at, user_id AS "userId", socket_id AS "socketId", remote, event, result, code, payload, details
         FROM audit_log`,
      from: 'audit_log',
      orderBy: 'at DESC, id DESC',
      filters: [
        ['user_id = ?', q.userId],
        ['event = ?', q.event],
        ['result = ?', q.result],
        ['code = ?', q.code],
        ['at >= ?', q.from],
        ['at <= ?', q.to],
      ],
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return toPage(rows, total, q);
  }
}
