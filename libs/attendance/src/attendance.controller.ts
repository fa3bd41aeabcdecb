import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, type Principal } from '#core';
import { AttendanceReportDto } from './http/attendance-responses.dto.js';
import { AttendanceQueryDto, AttendanceReportQuery } from './queries/attendance-report.query.js';

@ApiTags('attendance')
@Controller('attendance')
export class AttendanceController {
  constructor(private readonly query: AttendanceReportQuery) {}

  @Get()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Planned vs actual shifts of a site: late, early leave, no-show, unplanned' })
  @ApiOkResponse({ type: AttendanceReportDto })
  @ApiErrors(400, 404)
  report(@CurrentUser() me: Principal, @Query() q: AttendanceQueryDto) {
    return this.query.report(me, q);
  }
}
