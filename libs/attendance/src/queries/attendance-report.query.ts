import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { AppConfig, AppError, isSiteStaff, type Principal, OptionalIsoTime } from '#core';
import { DataSource } from 'typeorm';
import { attendanceReport, type ActualShift, type PlannedShift } from '../domain/attendance-report.js';

export class AttendanceQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @OptionalIsoTime('default: 7 days ago')
  from?: string;
  @OptionalIsoTime('default: now')
  to?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
type Row = Record<string, any>;

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
    const plans = (
      (await this.db.query(
        'SELECT * FROM scheduled_shifts WHERE site_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at, id',
        [q.siteId, from, to],
      )) as Row[]
    ).map((r): PlannedShift => ({
      id: r.id,
      guardId: r.guard_id,
      siteId: r.site_id,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
    }));
    const actuals = (
      (await this.db.query(
        `SELECT * FROM shifts WHERE site_id = $1 AND (scheduled_shift_id = ANY($4)
         OR (scheduled_shift_id IS NULL AND started_at >= $2 AND started_at < $3)) ORDER BY started_at, id`,
        [q.siteId, from, to, plans.map((p) => p.id)],
      )) as Row[]
    ).map((r): ActualShift => ({
      id: r.id,
      guardId: r.guard_id,
      siteId: r.site_id,
      scheduledShiftId: r.scheduled_shift_id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
    }));
    const report = attendanceReport(plans, actuals, now, this.config.SHIFT_NO_SHOW_GRACE_S * 1000);
    return { siteId: q.siteId, from: from.toISOString(), to: to.toISOString(), ...report };
  }
}
