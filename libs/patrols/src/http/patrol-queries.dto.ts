import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalOneOf, PageQueryDto } from '#core';
import { PATROL_RUN_STATUSES, type PatrolRunStatus } from '../domain/patrol-run.js';

export class PatrolRoutesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
}

export class PatrolRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @OptionalOneOf(PATROL_RUN_STATUSES)
  status?: PatrolRunStatus;
}
