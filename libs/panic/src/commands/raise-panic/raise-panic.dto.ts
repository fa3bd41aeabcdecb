import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDeviceTime, LocationDto, PlainText } from '#core';
import { CommandDto } from '#realtime';
import { PANIC_TYPES, type PanicType } from '../../domain/panic.js';

export const PANIC_MESSAGE_MAX = 500;

/** `panic_alert` payload. */
export class RaisePanicDto extends CommandDto {
  @ApiProperty({ type: LocationDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location: LocationDto;

  @ApiPropertyOptional({ enum: PANIC_TYPES, default: 'PANIC' })
  @IsOptional()
  @IsIn(PANIC_TYPES)
  type?: PanicType;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Needed when the guard works several sites and is off shift',
  })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patrolRunId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: 'percent, whole number' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  batteryLevel?: number;

  @ApiPropertyOptional({ maxLength: PANIC_MESSAGE_MAX })
  @IsOptional()
  @PlainText(PANIC_MESSAGE_MAX)
  @IsString()
  message?: string;

  @ApiPropertyOptional({ description: 'Device time (ISO-8601 with zone)' })
  @IsOptional()
  @IsDeviceTime()
  recordedAt?: string;
}
