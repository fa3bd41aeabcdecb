import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalIsoTime, OptionalOneOf, PageQueryDto } from '#core';
import { PANIC_STATUSES, type PanicStatus } from '../domain/panic.js';

export class ListPanicsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @OptionalOneOf(PANIC_STATUSES) status?: PanicStatus;
  @OptionalIsoTime('Raised at or after (ISO-8601)')
  from?: string;
  @OptionalIsoTime('Raised before (ISO-8601)')
  to?: string;
}
