import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '#core';

export class ScheduledShiftDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty() guardName: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ScheduledShiftPageDto extends PageMetaDto {
  @ApiProperty({ type: [ScheduledShiftDto] }) items: ScheduledShiftDto[];
}

export class AttendanceLineDto {
  @ApiProperty({ format: 'uuid' }) scheduledShiftId: string;
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty({ format: 'date-time' }) scheduledStart: string;
  @ApiProperty({ format: 'date-time' }) scheduledEnd: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) actualStart: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) actualEnd: string | null;
  @ApiProperty({ type: [String], description: 'clock-ins linked to the plan' }) shiftIds: string[];
  @ApiProperty({ enum: ['UPCOMING', 'AWAITING_CLOCK_IN', 'NO_SHOW', 'ON_SHIFT', 'COMPLETED'] })
  status: string;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: 'integer' }) lateMinutes: number;
  @ApiProperty() earlyLeave: boolean;
  @ApiProperty({ type: 'integer' }) earlyLeaveMinutes: number;
  @ApiProperty() noShow: boolean;
  @ApiProperty({ type: 'integer' }) workedMinutes: number;
}

export class UnscheduledShiftDto {
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty({ format: 'date-time' }) actualStart: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) actualEnd: string | null;
  @ApiProperty({ type: 'integer' }) workedMinutes: number;
}

export class AttendanceReportDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [AttendanceLineDto] }) items: AttendanceLineDto[];
  @ApiProperty({ type: [UnscheduledShiftDto], description: 'clock-ins that belong to no planned shift' })
  unscheduled: UnscheduledShiftDto[];
}
