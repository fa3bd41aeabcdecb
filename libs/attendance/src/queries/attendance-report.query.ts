import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { AppConfig, AppError, isSiteStaff, type Principal, OptionalIsoTime } from '#core';
import { DataSource } from 'typeorm';
import { attendanceReport } from '../domain/attendance-report.js';
import { ScheduledShifts } from '../persistence/scheduled-shift.repository.js';
import { Shifts } from '../persistence/shift.repository.js';

export class AttendanceQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @OptionalIsoTime('default: 7 days ago')
  from?: string;
  @OptionalIsoTime('default: now')
  to?: string;
}

/** GET /attendance: planned shifts starting in [from, to) vs clock-ins, plus unplanned clock-ins. */
@Injectable()
export class AttendanceReportQuery {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async report(me: Principal, q: AttendanceQueryDto, now = new Date()) {
    if (!isSiteStaff(me, q.siteId)) throw AppError.notFound('Site');
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to)
      throw AppError.validation([{ field: 'to', constraints: { isAfterFrom: 'to must be after from' } }]);
    const plans = await ScheduledShifts.startingIn(this.db, q.siteId, from, to);
    const actuals = await Shifts.forReport(
      this.db,
      q.siteId,
      from,
      to,
      plans.map((p) => p.id),
    );
    const report = attendanceReport(plans, actuals, now, this.config.SHIFT_NO_SHOW_GRACE_S * 1000);
    return { siteId: q.siteId, from: from.toISOString(), to: to.toISOString(), ...report };
  }
}
