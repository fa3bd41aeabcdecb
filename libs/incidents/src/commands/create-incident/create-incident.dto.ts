import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDeviceTime, LocationDto, PlainText } from '#core';
import { CommandDto } from '#realtime';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_TYPES,
  type IncidentPriority,
  type IncidentType,
} from '../../domain/incident.js';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

/** `create_incident` payload and POST /incidents body. */
export class CreateIncidentDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) @IsIn(INCIDENT_TYPES) type: IncidentType;
  @ApiProperty({ enum: INCIDENT_PRIORITIES }) @IsIn(INCIDENT_PRIORITIES) priority: IncidentPriority;

  @ApiProperty({ minLength: 1, maxLength: TITLE_MAX, example: 'Broken fence at gate 3' })
  @PlainText(TITLE_MAX)
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @PlainText(DESCRIPTION_MAX)
  @IsString()
  description?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ description: 'Device time (ISO-8601 with zone)' })
  @IsOptional()
  @IsDeviceTime()
  recordedAt?: string;
}
