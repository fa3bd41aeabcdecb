import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID } from 'class-validator';

export class ScheduleShiftDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() guardId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-11-23T08:00:00Z' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ example: '2026-11-23T16:00:00Z' }) @IsISO8601({ strict: true }) endsAt: string;
}
