import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '#core';
import { INCIDENT_PRIORITIES, INCIDENT_STATUSES, INCIDENT_TYPES } from '../domain/incident.js';

/** Swagger shapes of the incident JSON (see IncidentView). */
export class IncidentUserRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class IncidentLocationDto {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiPropertyOptional() accuracy?: number;
}

export class IncidentHistoryEntryDto {
  @ApiProperty() at: string;
  @ApiProperty({ type: IncidentUserRefDto, nullable: true }) actor: IncidentUserRefDto | null;
  @ApiProperty({ example: 'ASSIGNED', enum: ['CREATED', 'ASSIGNED', 'UPDATED', 'RESOLVED', 'CLOSED'] })
  action: string;
  @ApiProperty({ example: { status: { from: 'OPEN', to: 'ASSIGNED' } } }) changes: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) type: string;
  @ApiProperty({ enum: INCIDENT_PRIORITIES }) priority: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: IncidentLocationDto }) location: IncidentLocationDto | null;
  @ApiProperty({ type: IncidentUserRefDto }) reporter: IncidentUserRefDto;
  @ApiProperty({ nullable: true, type: IncidentUserRefDto }) assignee: IncidentUserRefDto | null;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ description: 'Device time of the report' }) occurredAt: string;
  @ApiProperty({ description: 'Server receive time' }) receivedAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: IncidentUserRefDto }) resolvedBy: IncidentUserRefDto | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: IncidentUserRefDto }) closedBy: IncidentUserRefDto | null;
  @ApiPropertyOptional({ type: [IncidentHistoryEntryDto], description: 'Single reads and acks only' })
  history?: IncidentHistoryEntryDto[];
}

export class IncidentResultDto {
  @ApiProperty({ type: IncidentDto }) incident: IncidentDto;
}

export class IncidentPageDto extends PageMetaDto {
  @ApiProperty({ type: [IncidentDto] }) items: IncidentDto[];
}
