import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class RescheduleShiftDto {
  @ApiPropertyOptional({ example: '2026-11-23T09:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;
  @ApiPropertyOptional({ example: '2026-11-23T17:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;
}
