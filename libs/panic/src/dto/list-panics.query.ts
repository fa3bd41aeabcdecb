import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto, OptionalIsoTime } from '#core';
import { PANIC_STATUSES, type PanicStatus } from '../domain/panic.js';

export class ListPanicsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ enum: PANIC_STATUSES }) @IsOptional() @IsIn(PANIC_STATUSES) status?: PanicStatus;
  @OptionalIsoTime('Raised at or after (ISO-8601)')
  from?: string;
  @OptionalIsoTime('Raised before (ISO-8601)')
  to?: string;
}
