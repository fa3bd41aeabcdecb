import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalIsoTime, OptionalOneOf, PageQueryDto } from '#core';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  type IncidentPriority,
  type IncidentStatus,
} from '../domain/incident.js';

export class ListIncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @OptionalOneOf(INCIDENT_STATUSES) status?: IncidentStatus;
  @OptionalOneOf(INCIDENT_PRIORITIES) priority?: IncidentPriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @OptionalIsoTime('Occurred at or after (ISO-8601)')
  from?: string;
  @OptionalIsoTime('Occurred before (ISO-8601)')
  to?: string;
}
