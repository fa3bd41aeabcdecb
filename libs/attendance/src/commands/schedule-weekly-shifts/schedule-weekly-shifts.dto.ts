import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsInt,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ScheduledShiftDto } from '../../http/attendance-responses.dto.js';

export class ScheduleWeeklyShiftsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() guardId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ type: 'integer', isArray: true, minimum: 1, maximum: 7, example: [1, 2, 3, 4, 5] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];
  @ApiProperty({ example: '08:00', description: 'local time at the site (its timezone), HH:MM' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM' })
  startTime: string;
  @ApiProperty({ type: 'integer', minimum: 15, maximum: 1440, example: 480 })
  @IsInt()
  @Min(15)
  @Max(1440)
  durationMinutes: number;
  @ApiProperty({ example: '2026-12-07', description: 'first local date, YYYY-MM-DD' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'fromDate must be YYYY-MM-DD' })
  fromDate: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12, example: 4 })
  @IsInt()
  @Min(1)
  @Max(12)
  weeks: number;
}

export class SkippedShiftDto {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'uuid', description: 'the planned shift it overlaps' }) scheduledShiftId: string;
}

export class WeeklyShiftsResultDto {
  @ApiProperty({ type: [ScheduledShiftDto] }) created: ScheduledShiftDto[];
  @ApiProperty({ type: [SkippedShiftDto], description: 'occurrences overlapping a shift already planned' })
  skipped: SkippedShiftDto[];
}
