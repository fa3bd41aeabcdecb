import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { OptionalOneOf, PlainText } from '#core';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  type IncidentPriority,
  type IncidentStatus,
} from '../../domain/incident.js';

export const NOTE_MAX = 2000;

/** PATCH /incidents/:id body: at least one of status, priority, note. */
export class UpdateIncidentBodyDto {
  @OptionalOneOf(INCIDENT_STATUSES, 'Only ASSIGNED -> IN_PROGRESS here')
  status?: IncidentStatus;

  @OptionalOneOf(INCIDENT_PRIORITIES)
  priority?: IncidentPriority;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @IsOptional()
  @PlainText(NOTE_MAX)
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  note?: string;
}

/** `update_incident` payload. */
export class UpdateIncidentDto extends UpdateIncidentBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientEventId?: string;
}

export type IncidentChanges = Pick<UpdateIncidentBodyDto, 'status' | 'priority' | 'note'>;
