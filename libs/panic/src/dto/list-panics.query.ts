import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '#core';
import { PANIC_STATUSES, type PanicStatus } from '../domain/panic.js';

export class ListPanicsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ enum: PANIC_STATUSES }) @IsOptional() @IsIn(PANIC_STATUSES) status?: PanicStatus;
  @ApiPropertyOptional({ description: 'Raised at or after (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ description: 'Raised before (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
