import { Injectable } from '@nestjs/common';
import { toCsv, userNames, type Principal } from '#core';
import { DataSource } from 'typeorm';
import { AttendanceQueryDto, AttendanceReportQuery } from '../queries/attendance-report.query.js';

/** GET /attendance/export.csv: the attendance report, one line per planned shift then unplanned clock-ins. */
@Injectable()
export class AttendanceCsv {
  constructor(
    private readonly report: AttendanceReportQuery,
    private readonly db: DataSource,
  ) {}

  async build(me: Principal, q: AttendanceQueryDto): Promise<{ filename: string; csv: string }> {
    const r = await this.report.report(me, q);
    const names = await userNames(
      this.db,
      [...r.items, ...r.unscheduled].map((l) => l.guardId),
    );
    type Line = {
      guardId: string;
      status: string;
      scheduledStart: string | null;
      scheduledEnd: string | null;
      actualStart: string | null;
      actualEnd: string | null;
      lateMinutes: number | null;
      earlyLeaveMinutes: number | null;
      workedMinutes: number;
    };
    const lines: Line[] = [
      ...r.items,
      ...r.unscheduled.map((u) => ({
        ...u,
        status: 'UNSCHEDULED',
        scheduledStart: null,
        scheduledEnd: null,
        lateMinutes: null,
        earlyLeaveMinutes: null,
      })),
    ];
    const csv = toCsv<Line>(
      [
        ['guard', (l) => names.get(l.guardId)],
        ['guardId', (l) => l.guardId],
        ['status', (l) => l.status],
        ['scheduledStart', (l) => l.scheduledStart],
        ['scheduledEnd', (l) => l.scheduledEnd],
        ['actualStart', (l) => l.actualStart],
        ['actualEnd', (l) => l.actualEnd],
        ['lateMinutes', (l) => l.lateMinutes],
        ['earlyLeaveMinutes', (l) => l.earlyLeaveMinutes],
        ['workedMinutes', (l) => l.workedMinutes],
      ],
      lines,
    );
    return { filename: `attendance-${r.from.slice(0, 10)}-${r.to.slice(0, 10)}.csv`, csv };
  }
}
