import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CsvExport, CurrentUser, sendCsv, type Principal } from '#core';
import { AttendanceCsv } from './http/attendance-csv.js';
import { AttendanceReportDto } from './http/attendance-responses.dto.js';
import { AttendanceQueryDto, AttendanceReportQuery } from './queries/attendance-report.query.js';

@ApiTags('attendance')
@Controller('attendance')
export class AttendanceController {
  constructor(
    private readonly query: AttendanceReportQuery,
    private readonly csv: AttendanceCsv,
  ) {}

  @Get('export.csv')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'The attendance report as CSV: planned shifts, then unplanned clock-ins' })
  @CsvExport('guard, guardId, status, scheduled and actual times, late/early minutes, worked minutes')
  @ApiErrors(400, 404)
  async export(
    @CurrentUser() me: Principal,
    @Query() q: AttendanceQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { filename, csv } = await this.csv.build(me, q);
    sendCsv(res, filename, csv);
  }

  @Get()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Planned vs actual shifts of a site: late, early leave, no-show, unplanned' })
  @ApiOkResponse({ type: AttendanceReportDto })
  @ApiErrors(400, 404)
  report(@CurrentUser() me: Principal, @Query() q: AttendanceQueryDto) {
    return this.query.report(me, q);
  }
}
