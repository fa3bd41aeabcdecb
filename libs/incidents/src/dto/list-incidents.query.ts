import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto, OptionalIsoTime } from '#core';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  type IncidentPriority,
  type IncidentStatus,
} from '../domain/incident.js';

export class ListIncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;
  @ApiPropertyOptional({ enum: INCIDENT_PRIORITIES })
  @IsOptional()
  @IsIn(INCIDENT_PRIORITIES)
  priority?: IncidentPriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @OptionalIsoTime('Occurred at or after (ISO-8601)')
  from?: string;
  @OptionalIsoTime('Occurred before (ISO-8601)')
  to?: string;
}
